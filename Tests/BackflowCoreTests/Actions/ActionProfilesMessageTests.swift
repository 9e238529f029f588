import Testing
@testable import BackflowCore

@Suite struct ActionProfilesMessageTests {
    @Test func identifyOptsOutOfForwardingAndNeverSendsTheProfileSpace() {
        let payload: JSONObject = [
            "engage_space": "wk_space", "user_id": "u1", "anonymous_id": "a1", "group_id": "g1",
            "traits": ["plan": "pro"], "timestamp": "2026-11-01T10:00:00Z", "message_id": "m1",
        ]
        #expect(messageText(.profiles, "sendIdentify", payload) == """
            {
              "userId": "u1",
              "anonymousId": "a1",
              "groupId": "g1",
              "messageId": "m1",
              "traits": {
                "plan": "pro"
              },
              "timestamp": "2026-11-01T10:00:00Z",
              "integrations": {
                "All": false
              },
              "type": "identify",
              "context": {
                "consent": {}
              }
            }
            """)
    }

    @Test func groupHasTheIdentifyShapeWithTypeGroup() {
        let payload: JSONObject = [
            "engage_space": "wk_space", "user_id": "u1", "group_id": "acme", "timestamp": 1_762_000_000,
            "consent": ["categoryPreferences": ["ads": true]],
        ]
        #expect(messageText(.profiles, "sendGroup", payload) == """
            {
              "userId": "u1",
              "groupId": "acme",
              "traits": {},
              "timestamp": 1762000000,
              "integrations": {
                "All": false
              },
              "type": "group",
              "context": {
                "consent": {
                  "categoryPreferences": {
                    "ads": true
                  }
                }
              }
            }
            """)
    }

    @Test func trackDropsTheGroupID() {
        let payload: JSONObject = [
            "engage_space": "wk_space", "anonymous_id": "a1", "event_name": "Signed Up", "group_id": "g1",
            "properties": ["source": "ads"], "message_id": "m2",
        ]
        #expect(messageText(.profiles, "sendTrack", payload) == """
            {
              "anonymousId": "a1",
              "event": "Signed Up",
              "messageId": "m2",
              "integrations": {
                "All": false
              },
              "properties": {
                "source": "ads"
              },
              "context": {
                "consent": {}
              },
              "type": "track"
            }
            """)
    }

    @Test func subscriptionBuildsExternalIDsAndSubscriptionsForEveryChannel() {
        let payload: JSONObject = [
            "engage_space": "wk_space", "user_id": "u1", "email": "ada@example.com",
            "email_subscription_status": "true", "subscription_groups": ["marketing": true, "news": "", "tips": false],
            "phone": "+33600000000", "sms_subscription_status": " Subscribed ", "whatsapp_subscription_status": "false",
            "android_push_token": "at1", "android_push_subscription_status": "did_not_subscribe",
            "ios_push_token": "it1", "traits": ["name": "Ada"], "timestamp": "2026-11-01T10:00:00Z",
        ]
        #expect(messageText(.profiles, "sendSubscription", payload) == """
            {
              "userId": "u1",
              "traits": {
                "name": "Ada"
              },
              "context": {
                "messaging_subscriptions": [
                  {
                    "key": "ada@example.com",
                    "type": "EMAIL",
                    "status": "SUBSCRIBED",
                    "groups": [
                      {
                        "name": "marketing",
                        "status": "SUBSCRIBED"
                      },
                      {
                        "name": "news"
                      },
                      {
                        "name": "tips",
                        "status": "UNSUBSCRIBED"
                      }
                    ]
                  },
                  {
                    "key": "+33600000000",
                    "type": "SMS",
                    "status": "SUBSCRIBED"
                  },
                  {
                    "key": "+33600000000",
                    "type": "WHATSAPP",
                    "status": "UNSUBSCRIBED"
                  },
                  {
                    "key": "at1",
                    "type": "ANDROID_PUSH",
                    "status": "DID_NOT_SUBSCRIBE"
                  }
                ],
                "externalIds": [
                  {
                    "id": "ada@example.com",
                    "type": "email",
                    "collection": "users",
                    "encoding": "none"
                  },
                  {
                    "id": "+33600000000",
                    "type": "phone",
                    "collection": "users",
                    "encoding": "none"
                  },
                  {
                    "id": "at1",
                    "type": "android.push_token",
                    "collection": "users",
                    "encoding": "none"
                  },
                  {
                    "id": "it1",
                    "type": "ios.push_token",
                    "collection": "users",
                    "encoding": "none"
                  }
                ],
                "messaging_subscriptions_retl": true,
                "consent": {}
              },
              "timestamp": "2026-11-01T10:00:00Z",
              "integrations": {
                "All": false
              },
              "type": "identify"
            }
            """)
    }

    @Test func subscriptionNeedsNeitherUserNorAnonymousID() {
        let payload: JSONObject = [
            "engage_space": "wk", "email": "ada@example.com", "email_subscription_status": "unsubscribed",
        ]
        let message = messageValue(.profiles, "sendSubscription", payload)
        #expect(message?.objectValue?.keys == ["traits", "context", "integrations", "type"])
    }
}
