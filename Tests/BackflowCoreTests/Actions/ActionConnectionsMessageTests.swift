import Testing
@testable import BackflowCore

@Suite struct ActionConnectionsMessageTests {
    @Test func identifyBuildsTheFullMessageWithAddressOverTraits() {
        let payload: JSONObject = [
            "user_id": "u1", "anonymous_id": "a1", "timestamp": "2026-11-01T10:00:00Z",
            "application": ["name": "Shop", "version": "2.1"], "campaign_parameters": ["source": "mail"],
            "device": ["id": "d1", "adTracking_Enabled": true], "ip_address": "8.8.8.8", "locale": "en-US",
            "location": ["city": "Paris", "latitude": 48.85], "network": ["wifi": true],
            "operating_system": ["name": "iOS"], "page": ["url": "https://shop.example"],
            "screen": ["width": 390], "user_agent": "Mozilla", "timezone": "Europe/Paris", "group_id": "g1",
            "traits": ["plan": "pro", "address": ["city": "Lyon"]], "message_id": "m1",
            "consent": ["categoryPreferences": ["ads": true]], "address": ["city": "Paris", "postalCode": "75001"],
        ]
        #expect(messageText(.connections, "sendIdentify", payload) == """
            {
              "userId": "u1",
              "anonymousId": "a1",
              "timestamp": "2026-11-01T10:00:00Z",
              "messageId": "m1",
              "context": {
                "app": {
                  "name": "Shop",
                  "version": "2.1"
                },
                "campaign": {
                  "source": "mail"
                },
                "consent": {
                  "categoryPreferences": {
                    "ads": true
                  }
                },
                "device": {
                  "id": "d1",
                  "adTracking_Enabled": true
                },
                "ip": "8.8.8.8",
                "locale": "en-US",
                "location": {
                  "city": "Paris",
                  "latitude": 48.85
                },
                "network": {
                  "wifi": true
                },
                "os": {
                  "name": "iOS"
                },
                "page": {
                  "url": "https://shop.example"
                },
                "screen": {
                  "width": 390
                },
                "userAgent": "Mozilla",
                "timezone": "Europe/Paris",
                "groupId": "g1"
              },
              "traits": {
                "plan": "pro",
                "address": {
                  "city": "Paris",
                  "postalCode": "75001"
                }
              },
              "type": "identify"
            }
            """)
    }

    @Test func trackPutsTraitsInContextAndAlwaysSendsProperties() {
        let payload: JSONObject = [
            "user_id": "u1", "event_name": "Order Completed", "traits": ["plan": "pro"], "locale": "fr-FR",
            "group_id": "g1",
        ]
        #expect(messageText(.connections, "sendTrack", payload) == """
            {
              "userId": "u1",
              "event": "Order Completed",
              "context": {
                "traits": {
                  "plan": "pro"
                },
                "consent": {},
                "locale": "fr-FR",
                "groupId": "g1"
              },
              "properties": {},
              "type": "track"
            }
            """)
    }

    @Test func pageMergesPageFieldsIntoPropertiesWithMappedPropertiesWinning() {
        let payload: JSONObject = [
            "anonymous_id": "a1", "page_name": "Pricing", "page_category": "Docs",
            "page": ["path": "/pricing", "title": "Pricing", "url": "https://x.example/pricing"],
            "properties": ["title": "Our prices", "plan": "pro"], "timezone": "UTC",
        ]
        #expect(messageText(.connections, "sendPage", payload) == """
            {
              "anonymousId": "a1",
              "name": "Pricing",
              "context": {
                "consent": {},
                "page": {
                  "path": "/pricing",
                  "title": "Pricing",
                  "url": "https://x.example/pricing"
                },
                "timezone": "UTC"
              },
              "properties": {
                "name": "Pricing",
                "category": "Docs",
                "path": "/pricing",
                "title": "Our prices",
                "url": "https://x.example/pricing",
                "plan": "pro"
              },
              "type": "page"
            }
            """)
    }

    @Test func screenCopiesItsNameIntoPropertiesAndDropsTheTimezone() {
        let payload: JSONObject = [
            "user_id": "u1", "screen_name": "Home", "properties": ["tab": "feed"], "timezone": "UTC",
            "group_id": "g1",
        ]
        #expect(messageText(.connections, "sendScreen", payload) == """
            {
              "userId": "u1",
              "name": "Home",
              "context": {
                "consent": {},
                "groupId": "g1"
              },
              "properties": {
                "name": "Home",
                "tab": "feed"
              },
              "type": "screen"
            }
            """)
    }

    @Test func groupSendsTheGroupIDAtTheTopLevelOnly() {
        let payload: JSONObject = [
            "user_id": "u1", "group_id": "acme", "traits": ["employees": 40], "timezone": "UTC", "message_id": "m9",
        ]
        #expect(messageText(.connections, "sendGroup", payload) == """
            {
              "userId": "u1",
              "groupId": "acme",
              "messageId": "m9",
              "context": {
                "consent": {},
                "timezone": "UTC"
              },
              "traits": {
                "employees": 40
              },
              "type": "group"
            }
            """)
    }

    @Test func mappedPropertyNamedNameKeepsThePositionOfThePageName() {
        let payload: JSONObject = ["user_id": "u1", "properties": ["plan": "pro", "name": "Mine"]]
        #expect(JSONWriter.compact(messageValue(.connections, "sendPage", payload, at: "properties") ?? nil)
            == #"{"name":"Mine","plan":"pro"}"#)
    }

    @Test func consentWithANonBooleanPreferenceIsReplacedByAnEmptyObject() {
        let payload: JSONObject = ["user_id": "u1", "consent": ["categoryPreferences": ["ads": "yes"]]]
        #expect(messageValue(.connections, "sendIdentify", payload, at: "context", "consent") == [:])
    }

    @Test func consentWithoutCategoryPreferencesIsReplacedByAnEmptyObject() {
        let payload: JSONObject = ["user_id": "u1", "consent": ["other": true]]
        #expect(messageValue(.connections, "sendIdentify", payload, at: "context", "consent") == [:])
    }

    @Test func validConsentIsCopiedWhole() {
        let consent: JSONValue = ["region": "EU", "categoryPreferences": ["ads": false, "analytics": true]]
        let payload: JSONObject = ["user_id": "u1", "event_name": "E", "consent": consent]
        #expect(messageValue(.connections, "sendTrack", payload, at: "context", "consent") == consent)
    }

    @Test func emptyAddressStillOverwritesTheAddressTrait() {
        let payload: JSONObject = ["user_id": "u1", "traits": ["address": ["city": "Lyon"]], "address": [:]]
        #expect(messageValue(.connections, "sendIdentify", payload, at: "traits") == ["address": [:]])
    }

    @Test func messageHasNoMessageIDUnlessMapped() {
        let message = messageValue(.connections, "sendIdentify", ["user_id": "u1"])
        #expect(message?.objectValue?.keys == ["userId", "context", "traits", "type"])
    }
}
