import Testing
@testable import BackflowCore

@Suite struct ActionSchemaErrorTests {
    @Test func trackWithoutEventNameNamesTheMissingField() {
        #expect(failure(.connections, "sendTrack", ["user_id": "u1"])?.errors == [ActionError(
            .schema, field: "event_name", message: "The root value is missing the required field 'event_name'.")])
    }

    @Test func groupWithoutGroupIDNamesTheMissingField() {
        #expect(failure(.connections, "sendGroup", ["user_id": "u1"])?.message
            == "The root value is missing the required field 'group_id'.")
    }

    @Test func profilesWithoutProfileSpaceNamesTheMissingField() {
        #expect(failure(.profiles, "sendIdentify", ["user_id": "u1"])?.message
            == "The root value is missing the required field 'engage_space'.")
    }

    @Test func nonNumericLatitudeIsATypeErrorNamedByItsLabel() {
        let payload: JSONObject = ["user_id": "u1", "location": ["latitude": "north"]]
        #expect(failure(.connections, "sendIdentify", payload)?.errors == [ActionError(
            .schema, field: "location", message: "Latitude must be a number but it was a string.")])
    }

    @Test func objectGivenForUserIDIsATypeError() {
        #expect(failure(.connections, "sendIdentify", ["user_id": ["id": 1]])?.message
            == "User ID must be a string but it was an object.")
    }

    @Test func unreadableProfilesTimestampFailsTheDateLikeFormat() {
        let payload: JSONObject = ["engage_space": "wk", "user_id": "u1", "timestamp": "Hello"]
        #expect(failure(.profiles, "sendIdentify", payload)?.message
            == "Timestamp must be a valid date-like string but it was not.")
    }

    @Test func objectGivenForProfilesTimestampNamesBothAcceptedTypes() {
        let payload: JSONObject = ["engage_space": "wk", "user_id": "u1", "timestamp": ["at": 1]]
        #expect(failure(.profiles, "sendIdentify", payload)?.message
            == "Timestamp must be a string or number but it was an object.")
    }

    @Test func unconvertibleBooleanIsATypeError() {
        let payload: JSONObject = ["user_id": "u1", "device": ["adTracking_Enabled": "yes"]]
        #expect(failure(.connections, "sendIdentify", payload)?.message
            == "Ad Tracking Enabled must be a boolean but it was a string.")
    }

    @Test func arrayGivenForAFreeFormObjectIsATypeError() {
        #expect(failure(.connections, "sendIdentify", ["user_id": "u1", "traits": [["a": 1]]])?.message
            == "Traits must be an object but it was an array.")
    }

    @Test func reportsEveryErrorRequiredFirstThenInFieldOrder() {
        let payload: JSONObject = [
            "location": ["latitude": "north", "speed": "fast"], "user_id": ["id": 1], "network": ["wifi": "on"],
        ]
        let failure = failure(.connections, "sendTrack", payload)
        #expect(failure?.errors.map(\.field) == ["event_name", "user_id", "location", "location", "network"])
        #expect(failure?.message == """
            The root value is missing the required field 'event_name'. User ID must be a string but it was an object. \
            Latitude must be a number but it was a string. Speed must be a number but it was a string. \
            WiFi must be a boolean but it was a string.
            """)
    }

    @Test func schemaErrorsComeBeforeTheIdentifierCheck() {
        #expect(failure(.connections, "sendTrack", [:])?.message
            == "The root value is missing the required field 'event_name'.")
    }
}

@Suite struct ActionIdentifierCheckTests {
    private let missingIDs = "Either `Anonymous ID` or `User ID` must be defined."

    @Test func everyNonSubscriptionActionNeedsAUserOrAnonymousID() {
        let cases: [(DestinationKind, String, JSONObject)] = [
            (.connections, "sendIdentify", [:]), (.connections, "sendTrack", ["event_name": "E"]),
            (.connections, "sendPage", [:]), (.connections, "sendScreen", [:]),
            (.connections, "sendGroup", ["group_id": "g"]), (.profiles, "sendIdentify", ["engage_space": "wk"]),
            (.profiles, "sendGroup", ["engage_space": "wk", "group_id": "g"]),
            (.profiles, "sendTrack", ["engage_space": "wk", "event_name": "E"]),
        ]
        for (kind, action, payload) in cases {
            #expect(failure(kind, action, payload)?.errors == [ActionError(.rule, field: nil, message: missingIDs)])
        }
    }

    @Test func topLevelEmptyStringCountsAsMissing() {
        #expect(failure(.connections, "sendIdentify", ["user_id": "", "anonymous_id": nil])?.message == missingIDs)
    }

    @Test func emptyRequiredStringCountsAsMissing() {
        #expect(failure(.connections, "sendTrack", ["user_id": "u1", "event_name": ""])?.message
            == "The root value is missing the required field 'event_name'.")
    }

    @Test func whitespaceIdentifierCountsAsPresent() {
        #expect(messageValue(.connections, "sendIdentify", ["anonymous_id": " "], at: "anonymousId") == " ")
    }
}

@Suite struct ActionCoercionTests {
    @Test func numberUserIDBecomesText() {
        #expect(messageValue(.connections, "sendIdentify", ["user_id": 123], at: "userId") == "123")
    }

    @Test func numericTextLatitudeBecomesANumber() {
        let payload: JSONObject = ["user_id": "u1", "location": ["latitude": "1.5"]]
        #expect(messageValue(.connections, "sendIdentify", payload, at: "context", "location") == ["latitude": 1.5])
    }

    @Test func booleanTextBecomesABoolean() {
        let payload: JSONObject = ["user_id": "u1", "network": ["bluetooth": "true", "cellular": 0]]
        #expect(messageValue(.connections, "sendIdentify", payload, at: "context", "network")
            == ["bluetooth": true, "cellular": false])
    }

    @Test func oneElementArrayIsUnwrapped() {
        #expect(messageValue(.connections, "sendIdentify", ["user_id": ["abc"]], at: "userId") == "abc")
    }

    @Test func longerArrayIsATypeError() {
        #expect(failure(.connections, "sendIdentify", ["user_id": ["a", "b"]])?.message
            == "User ID must be a string but it was an array.")
    }

    @Test func connectionsTimestampNumberBecomesText() {
        #expect(messageValue(.connections, "sendIdentify", ["user_id": "u1", "timestamp": 1_700_000_000], at: "timestamp")
            == "1700000000")
    }

    @Test func profilesTimestampNumberStaysANumber() {
        let payload: JSONObject = ["engage_space": "wk", "user_id": "u1", "timestamp": 1_700_000_000]
        #expect(messageValue(.profiles, "sendIdentify", payload, at: "timestamp") == 1_700_000_000)
    }
}

@Suite struct ActionPruningTests {
    @Test func unknownKeysAreDroppedFromClosedObjects() {
        let payload: JSONObject = ["user_id": "u1", "device": ["id": "d1", "advertisingId": "x", "model": "X1"]]
        #expect(JSONWriter.compact(messageValue(.connections, "sendIdentify", payload, at: "context", "device") ?? nil)
            == #"{"id":"d1","model":"X1"}"#)
    }

    @Test func unknownTopLevelKeysAreDropped() {
        let payload: JSONObject = ["engage_space": "wk", "user_id": "u1", "timstamp": "2026-01-01"]
        #expect(messageValue(.profiles, "sendIdentify", payload)?.objectValue?.keys
            == ["userId", "traits", "integrations", "type", "context"])
    }

    @Test func nestedNullsGoButNestedEmptyTextStaysInStringProperties() {
        let payload: JSONObject = ["user_id": "u1", "location": ["latitude": nil, "city": "", "speed": ""]]
        #expect(messageValue(.connections, "sendIdentify", payload, at: "context", "location") == ["city": ""])
    }

    @Test func freeFormObjectsKeepNullsAndEmptyText() {
        let payload: JSONObject = ["user_id": "u1", "traits": ["a": nil, "b": ""]]
        #expect(messageValue(.connections, "sendIdentify", payload, at: "traits") == ["a": nil, "b": ""])
    }

    @Test func topLevelNullIsDropped() {
        let payload: JSONObject = ["user_id": "u1", "locale": nil, "traits": nil]
        #expect(messageValue(.connections, "sendIdentify", payload)?.objectValue?.keys
            == ["userId", "context", "traits", "type"])
    }
}

@Suite struct ActionMessageSizeTests {
    private func identify(traitLength: Int) -> JSONObject {
        ["user_id": "u1", "traits": ["t": .string(String(repeating: "x", count: traitLength))]]
    }

    private let overhead = #"{"userId":"u1","context":{"consent":{}},"traits":{"t":""},"type":"identify"}"#.utf8.count

    @Test func messageOfExactly32KBIsAccepted() {
        let payload = identify(traitLength: TrackingAPILimits.maximumMessageBytes - overhead)
        guard case .success(let message) = runAction(.connections, "sendIdentify", payload) else {
            Issue.record("a message at the limit was refused")
            return
        }
        #expect(JSONWriter.compactByteCount(.object(message)) == 32_768)
    }

    @Test func largerMessageIsRefusedWithItsSize() {
        let payload = identify(traitLength: 40_000)
        #expect(failure(.connections, "sendIdentify", payload)?.errors == [ActionError(
            .limit, field: nil,
            message: "The message is \(40_000 + overhead) bytes; the Tracking API accepts at most 32 KB (32768 bytes) per message.")])
    }

    @Test func batchLimitsMatchTheTrackingAPI() {
        #expect(TrackingAPILimits.maximumBatchBytes == 500_000)
        #expect(TrackingAPILimits.maximumBatchMessages == 2_500)
    }
}

@Suite struct ActionUnknownActionTests {
    @Test func actionTheDestinationDoesNotHaveIsRefused() {
        let alias = Action(
            key: "sendAlias", title: "Send Alias", description: "Not a Segment action.", defaultTrigger: nil,
            fields: [ConnectionsFields.userID])
        let result = ActionRunner.run(alias, of: Catalog.destination(.connections), payload: ["user_id": "u1"])
        guard case .failure(let failure) = result else {
            Issue.record("an unknown action built a message")
            return
        }
        #expect(failure.message == #"Segment Connections has no action "sendAlias"."#)
    }
}
