import BackflowCore
import Foundation

/// The sink's state: counts, the messageIds seen per write key, the fault sequence and the
/// stored messages. Every request passes through here twice: once to draw its fault, once to
/// record what the checks decided.
actor SinkLedger {
    private var stats = SinkStats()
    private var faultInjector: FaultInjector
    private var seenMessageIds: [String: MessageIdSet] = [:]
    private let keepsMessages: Bool
    private var kept: [JSONValue] = []
    private var output: NDJSONFile?

    init(faults: SinkFaults, keepsMessages: Bool) {
        self.faultInjector = FaultInjector(faults: faults)
        self.keepsMessages = keepsMessages
    }

    var currentStats: SinkStats { stats }
    var acceptedMessages: [JSONValue] { kept }

    func openOutput(path: String) throws(SinkConfigurationError) {
        output = try NDJSONFile(path: path)
    }

    func closeOutput() throws {
        defer { output = nil }
        try output?.close()
    }

    func connectionOpened() {
        stats.connections += 1
    }

    /// Counts a tracking request and draws its fault.
    func admit(bodyByteCount: Int) -> FaultDecision {
        stats.requests += 1
        stats.bytesReceived += bodyByteCount
        let decision = faultInjector.next()
        switch decision {
        case .proceed: break
        case .fail: stats.injectedFailures += 1
        case .dropConnection: stats.droppedConnections += 1
        }
        return decision
    }

    /// Stores what a verdict lets in and says how to answer. A message whose `messageId` this
    /// write key already delivered is counted as a duplicate and not stored again.
    func record(_ verdict: TrackingVerdict) -> SinkResponse {
        switch verdict {
        case .rejected(let status, let reason):
            stats.rejectedRequests += 1
            return .failure(status, reason)
        case .received(let received):
            // Taken out of the dictionary while it is updated, so the set is changed in place:
            // copying a set of a million ids per request would be quadratic.
            var seen = seenMessageIds.removeValue(forKey: received.writeKeyFingerprint) ?? MessageIdSet()
            defer { seenMessageIds[received.writeKeyFingerprint] = seen }
            let seenBefore = seen.count
            var accepted = 0
            var duplicates = 0
            var stored: [StoredMessage] = []
            let firstSeen = seen.insert(received.valid.map(\.messageId))
            for (message, isNew) in zip(received.valid, firstSeen) {
                guard isNew else {
                    duplicates += 1
                    continue
                }
                accepted += 1
                if let form = message.stored { stored.append(form) }
            }
            do {
                try output?.append(lines: stored.map(\.line))
            } catch {
                seen.removeAdded(since: seenBefore)
                return .failure(500, "the sink could not store the messages: \(error.localizedDescription)")
            }
            if keepsMessages { kept.append(contentsOf: stored.map { .object($0.object) }) }
            stats.acceptedMessages += accepted
            stats.duplicateMessages += duplicates
            stats.droppedMessages += received.dropReasons.count
            for reason in received.dropReasons { stats.droppedByReason[reason, default: 0] += 1 }
            return .success
        }
    }
}

