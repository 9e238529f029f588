import Testing
@testable import BackflowCore

@Suite struct AlertPolicyTests {
    typealias Runs = AlertRunFixture

    struct Case: CustomTestStringConvertible, Sendable {
        let previous: SyncRun?
        let current: SyncRun
        let policy: AlertPolicy
        let expected: AlertTransition?
        let name: String

        var testDescription: String { name }
    }

    static let everything = AlertPolicy()
    static let failuresOnly = AlertPolicy(triggers: [.failed, .recovered])
    static let rateOnly = AlertPolicy(triggers: [.recovered], deliveryRateBelow: 0.95)
    static let rateAndPartial = AlertPolicy(deliveryRateBelow: 0.95)

    static let cases: [Case] = [
        Case(previous: Runs.success, current: Runs.failed, policy: everything,
            expected: AlertTransition(previous: .healthy, current: .failed), name: "success then failed fires"),
        Case(previous: Runs.failed, current: Runs.failed, policy: everything,
            expected: nil, name: "failed again is not news"),
        Case(previous: Runs.failed, current: Runs.success, policy: everything,
            expected: AlertTransition(previous: .failed, current: .healthy), name: "failed then success recovers"),
        Case(previous: Runs.success, current: Runs.success, policy: everything,
            expected: nil, name: "success again is quiet"),
        Case(previous: nil, current: Runs.failed, policy: everything,
            expected: AlertTransition(previous: nil, current: .failed), name: "a first run that fails fires"),
        Case(previous: nil, current: Runs.success, policy: everything,
            expected: nil, name: "a first run that succeeds has nothing to recover from"),
        Case(previous: Runs.success, current: Runs.partial, policy: everything,
            expected: AlertTransition(previous: .healthy, current: .partial), name: "success then partial fires"),
        Case(previous: Runs.failed, current: Runs.partial, policy: everything,
            expected: AlertTransition(previous: .failed, current: .partial), name: "failed then partial is a change"),
        Case(previous: Runs.success, current: Runs.partial, policy: failuresOnly,
            expected: nil, name: "partial is healthy to an alert only on failures"),
        Case(previous: Runs.failed, current: Runs.partial, policy: failuresOnly,
            expected: AlertTransition(previous: .failed, current: .healthy),
            name: "an alert only on failures hears of recovery when the failure is gone"),
        Case(previous: Runs.failed, current: Runs.success, policy: AlertPolicy(triggers: [.failed, .partial]),
            expected: nil, name: "recovery is not told without recovered"),
        Case(previous: Runs.success, current: Runs.mostlyFailing, policy: rateOnly,
            expected: AlertTransition(previous: .healthy, current: .lowDeliveryRate),
            name: "a delivery rate under the threshold fires"),
        Case(previous: Runs.success, current: Runs.partial, policy: rateOnly,
            expected: nil, name: "a partial run above the threshold is healthy to a rate-only alert"),
        Case(previous: Runs.mostlyFailing, current: Runs.partial, policy: rateOnly,
            expected: AlertTransition(previous: .lowDeliveryRate, current: .healthy),
            name: "climbing back over the threshold recovers"),
        Case(previous: Runs.partial, current: Runs.mostlyFailing, policy: rateAndPartial,
            expected: AlertTransition(previous: .partial, current: .lowDeliveryRate),
            name: "partial then under the threshold is a change"),
        Case(previous: Runs.success, current: Runs.failed, policy: rateOnly,
            expected: nil, name: "a run that failed before sending anything has no delivery rate"),
        Case(previous: Runs.mostlyFailing, current: Runs.nothingToSend, policy: rateOnly,
            expected: AlertTransition(previous: .lowDeliveryRate, current: .healthy),
            name: "a run with nothing to send is healthy"),
        Case(previous: Runs.success, current: Runs.run(.running), policy: everything,
            expected: nil, name: "a run still going is not judged"),
    ]

    @Test(arguments: cases) func alertsOnlyOnAChangeOfHealth(_ example: Case) {
        #expect(example.policy.transition(from: example.previous, to: example.current) == example.expected)
    }

    @Test func theEventOfAReturnToHealthIsRecovered() {
        #expect(AlertTransition(previous: .failed, current: .healthy).event == "recovered")
        #expect(AlertTransition(previous: .healthy, current: .lowDeliveryRate).event == "low_delivery_rate")
    }

    @Test func theDeliveryRateIsTheShareDeliveredOfWhatWasTried() {
        #expect(Runs.mostlyFailing.deliveryRate == 0.4)
        #expect(Runs.nothingToSend.deliveryRate == nil)
    }
}
