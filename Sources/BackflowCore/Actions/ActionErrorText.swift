/// The exact texts of the errors Segment's two destinations raise in their own code.
enum ActionErrorText {
    static let missingUserOrAnonymousID = "Either `Anonymous ID` or `User ID` must be defined."
    static let invalidEndpoint = "A valid endpoint must be selected. Please check your Segment settings."

    static let missingExternalIDs =
        "Either `Email` or `Phone` or `Android_Push_Token` or `Ios_Push_Token` must be defined."
    static let missingSubscriptionStatus =
        "If any of `Email`, `Phone`, `Android_Push_Token` or `Ios_Push_Token` is present, `Email_Subscription` or `Sms_Subscription` or `Whatsapp_Subscription` or `Ios_Push_Subscription` or `Android_Push_Subscription` must be defined."
    static let missingEmail = "A valid `Email` must be defined for `Email_Subscription`."
    static let missingEmailStatusForGroups = "`Email_Subscription` must be defined if Subscription Groups are present."
    static let missingPhone = "A valid `Phone` must be defined for `Sms_Subscription` or `Whatsapp_Subscription`."
    static let missingAndroidPushToken =
        "A valid `Android_Push_Token` must be defined for `Android_Push_Subscription`."
    static let missingIosPushToken = "A valid `Ios_Push_Token` must be defined for `Ios_Push_Subscription`."
    static let allStatusesInvalid =
        "Invalid Subscription Status in `Email_Subscription` or `Sms_Subscription` or `Whatsapp_Subscription` or `Android_Push_Subscription` or `Ios_Push_Subscription`."

    /// Backflow's own text: Segment has no error for an oversize message, the Tracking API just refuses it.
    static func messageTooLarge(bytes: Int) -> String {
        "The message is \(bytes) bytes; the Tracking API accepts at most 32 KB (\(TrackingAPILimits.maximumMessageBytes) bytes) per message."
    }

    static func unknownAction(_ key: String, of destination: String) -> String {
        "\(destination) has no action \"\(key)\"."
    }
}
