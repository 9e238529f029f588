import Testing
@testable import BackflowCore

/// Segment's eight Send Subscriptions checks, each triggered alone and in Segment's order.
@Suite struct ActionSubscriptionErrorTests {
    private func errors(_ payload: JSONObject) -> [ActionError] {
        var withSpace = payload
        withSpace["engage_space"] = "wk_space"
        return failure(.profiles, "sendSubscription", withSpace)?.errors ?? []
    }

    @Test func firstNeedsAnIdentifier() {
        #expect(errors(["user_id": "u1", "email_subscription_status": "true"]) == [ActionError(
            .rule, field: nil,
            message: "Either `Email` or `Phone` or `Android_Push_Token` or `Ios_Push_Token` must be defined.")])
    }

    @Test func secondNeedsAStatus() {
        #expect(errors(["email": "ada@example.com", "email_subscription_status": nil]) == [ActionError(
            .rule, field: nil,
            message: "If any of `Email`, `Phone`, `Android_Push_Token` or `Ios_Push_Token` is present, `Email_Subscription` or `Sms_Subscription` or `Whatsapp_Subscription` or `Ios_Push_Subscription` or `Android_Push_Subscription` must be defined.")])
    }

    @Test func thirdNeedsAnEmailForTheEmailStatus() {
        #expect(errors(["phone": "+1555", "email_subscription_status": "true"]) == [ActionError(
            .rule, field: "email", message: "A valid `Email` must be defined for `Email_Subscription`.")])
    }

    @Test func fourthNeedsAnEmailStatusForSubscriptionGroups() {
        let payload: JSONObject = [
            "email": "ada@example.com", "phone": "+1555", "sms_subscription_status": "true",
            "subscription_groups": ["news": true],
        ]
        #expect(errors(payload) == [ActionError(
            .rule, field: "email_subscription_status",
            message: "`Email_Subscription` must be defined if Subscription Groups are present.")])
    }

    @Test func fifthNeedsAPhoneForSMSOrWhatsApp() {
        #expect(errors(["email": "ada@example.com", "whatsapp_subscription_status": "true"]) == [ActionError(
            .rule, field: "phone",
            message: "A valid `Phone` must be defined for `Sms_Subscription` or `Whatsapp_Subscription`.")])
    }

    @Test func sixthNeedsAnAndroidTokenForTheAndroidStatus() {
        #expect(errors(["email": "ada@example.com", "android_push_subscription_status": "true"]) == [ActionError(
            .rule, field: "android_push_token",
            message: "A valid `Android_Push_Token` must be defined for `Android_Push_Subscription`.")])
    }

    @Test func seventhNeedsAnIOSTokenForTheIOSStatus() {
        #expect(errors(["email": "ada@example.com", "ios_push_subscription_status": "true"]) == [ActionError(
            .rule, field: "ios_push_token", message: "A valid `Ios_Push_Token` must be defined for `Ios_Push_Subscription`.")])
    }

    @Test func eighthRefusesFiveStatusesThatAreAllInvalid() {
        let payload: JSONObject = [
            "email": "ada@example.com", "email_subscription_status": "yes", "phone": "+1555",
            "sms_subscription_status": "yes", "whatsapp_subscription_status": "1", "android_push_token": "at",
            "android_push_subscription_status": "maybe", "ios_push_token": "it", "ios_push_subscription_status": "no",
        ]
        #expect(errors(payload) == [ActionError(
            .rule, field: nil,
            message: "Invalid Subscription Status in `Email_Subscription` or `Sms_Subscription` or `Whatsapp_Subscription` or `Android_Push_Subscription` or `Ios_Push_Subscription`.")])
    }

    @Test func stopsAtTheFirstFailingCheck() {
        let payload: JSONObject = [
            "phone": "+1555", "email_subscription_status": "true", "ios_push_subscription_status": "true",
        ]
        #expect(errors(payload).map(\.message) == ["A valid `Email` must be defined for `Email_Subscription`."])
    }
}

@Suite struct ActionSubscriptionStatusTests {
    @Test func normalizesTrimmedCaseInsensitiveStatuses() {
        #expect(SubscriptionStatus(normalizing: "  TRUE ") == .subscribed)
        #expect(SubscriptionStatus(normalizing: "Subscribed") == .subscribed)
        #expect(SubscriptionStatus(normalizing: "false") == .unsubscribed)
        #expect(SubscriptionStatus(normalizing: "UNSUBSCRIBED") == .unsubscribed)
        #expect(SubscriptionStatus(normalizing: "did-not-subscribe") == .didNotSubscribe)
        #expect(SubscriptionStatus(normalizing: "Did_Not_Subscribe") == .didNotSubscribe)
    }

    @Test func blankStatusMeansNoSubscription() {
        #expect(SubscriptionStatus(normalizing: "   ") == nil)
    }

    @Test func unknownStatusIsInvalid() {
        #expect(SubscriptionStatus(normalizing: "did not subscribe") == .invalid)
        #expect(SubscriptionStatus(normalizing: "yes") == .invalid)
    }

    @Test func invalidStatusIsStillSentWhenNotAllFiveAreInvalid() {
        let payload: JSONObject = [
            "engage_space": "wk", "email": "ada@example.com", "email_subscription_status": "maybe",
        ]
        #expect(messageValue(.profiles, "sendSubscription", payload, at: "context", "messaging_subscriptions")
            == [["key": "ada@example.com", "type": "EMAIL", "status": "INVALID"]])
    }

    @Test func booleanStatusIsCoercedToTextAndSubscribes() {
        let payload: JSONObject = ["engage_space": "wk", "phone": "+1555", "sms_subscription_status": true]
        #expect(messageValue(.profiles, "sendSubscription", payload, at: "context", "messaging_subscriptions")
            == [["key": "+1555", "type": "SMS", "status": "SUBSCRIBED"]])
    }

    @Test func nullStatusAddsNoSubscriptionButTheIdentifierStaysAnExternalID() {
        let payload: JSONObject = [
            "engage_space": "wk", "email": "ada@example.com", "email_subscription_status": "true",
            "ios_push_token": "it", "ios_push_subscription_status": nil,
        ]
        let context = messageValue(.profiles, "sendSubscription", payload, at: "context")?.objectValue
        #expect(context?["messaging_subscriptions"]?.arrayValue?.count == 1)
        #expect(context?["externalIds"]?.arrayValue?.count == 2)
    }

    @Test func groupValuesAreReadAsJavaScriptText() {
        let payload: JSONObject = [
            "engage_space": "wk", "email": "ada@example.com", "email_subscription_status": "maybe",
            "subscription_groups": ["a": nil, "b": ["x": 1], "c": ["true"]],
        ]
        let subscriptions = messageValue(.profiles, "sendSubscription", payload, at: "context", "messaging_subscriptions")
        #expect(subscriptions?.arrayValue?.first?.objectValue?["groups"] == [
            ["name": "a", "status": "INVALID"], ["name": "b", "status": "INVALID"], ["name": "c", "status": "SUBSCRIBED"],
        ])
    }
}
