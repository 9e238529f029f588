import Yams

extension WorkspaceDecoder {
    static let alertKeys = ["webhook_env", "command", "when", "delivery_rate_below", "mappings"]

    private static let literalWebhookMessage =
        "webhook URLs carry their own secret and are never stored in backflow.yml: "
        + "put the URL in an environment variable and name it with webhook_env"

    /// `alerts:`, a mapping of alert names to alerts. `mappings` may name mappings by name or id.
    mutating func decodeAlerts(_ document: WorkspaceNodeReader.Keyed) -> [AlertConfig] {
        let mappingNodes = document.entry("mappings")?.value.sequence?.compactMap(\.mapping) ?? []
        let mappingNames = mappingNodes.flatMap { [$0["name"], $0["id"]].compactMap { $0?.scalar?.string } }
            .reduce(into: [String]()) { names, name in if !names.contains(name) { names.append(name) } }
        return section(document, "alerts").compactMap { named in
            decodeAlert(named, at: WorkspaceNodeReader.join("alerts", named.key), mappingNames: mappingNames)
        }
    }

    private mutating func decodeAlert(
        _ named: WorkspaceNodeReader.Entry, at keyPath: String, mappingNames: [String]
    ) -> AlertConfig? {
        let literalURLs = ["webhook_url", "url"]
        var forbidden = Dictionary(uniqueKeysWithValues: literalURLs.map { ($0, Self.literalWebhookMessage) })
        forbidden["on"] = "write the changes to alert on under when: (tools reading YAML 1.1 take the key on for true)"
        guard let keyed = reader.keyed(named.value, at: keyPath, allowed: Self.alertKeys, forbidden: forbidden) else {
            return nil
        }
        let target = decodeAlertTarget(keyed, hasLiteralURL: literalURLs.contains { keyed.node.mapping?[$0] != nil })
        let triggers = reader.present(keyed, "when", required: false).map {
            decodeTriggers($0.value, at: keyed.path("when"))
        } ?? Set(AlertTrigger.allCases)
        let rate = decodeDeliveryRate(keyed)
        let mappings = reader.present(keyed, "mappings", required: false).map {
            decodeAlertMappings($0.value, at: keyed.path("mappings"), among: mappingNames)
        } ?? []
        guard let target, let triggers else { return nil }
        return AlertConfig(
            name: named.key, target: target, triggers: triggers, deliveryRateBelow: rate, mappings: mappings,
            locations: locations(keyed, element: named.keyNode, keys: Self.alertKeys))
    }

    /// Exactly one of `webhook_env` and `command`. Not reported again when a literal URL was written.
    private mutating func decodeAlertTarget(_ keyed: WorkspaceNodeReader.Keyed, hasLiteralURL: Bool) -> AlertTarget? {
        let webhook = keyed.entry("webhook_env")
        let command = keyed.entry("command")
        switch (webhook, command) {
        case (.some, .some(let entry)):
            reader.report(entry.keyNode, keyed.path("command"),
                "an alert posts to a webhook (webhook_env) or runs a command (command), not both: keep one")
            return nil
        case (.some, nil):
            return environmentReference(keyed, "webhook_env", secret: .webhookURL).map(AlertTarget.webhook)
        case (nil, .some(let entry)):
            return decodeCommand(entry.value, at: keyed.path("command")).map(AlertTarget.command)
        case (nil, nil):
            if !hasLiteralURL {
                reader.report(keyed.node, keyed.keyPath,
                    "an alert needs webhook_env (the NAME of an environment variable holding the webhook URL) "
                        + "or command (the program and its arguments, as a list)")
            }
            return nil
        }
    }

    private static let commandForm = "a list of the program and its arguments, such as [scripts/alert.sh, --urgent] "
        + "(for a shell: [sh, -c, \"…\"])"

    private mutating func decodeCommand(_ node: Node, at keyPath: String) -> [String]? {
        guard let items = node.sequence, !items.isEmpty else {
            reader.report(node, keyPath, "expected \(Self.commandForm) but found \(WorkspaceNodeReader.describe(node))")
            return nil
        }
        let arguments = items.enumerated().map { index, item in
            reader.scalarText(item, at: "\(keyPath)[\(index)]", required: true)
        }
        let valid = arguments.compactMap { $0 }
        return valid.count == arguments.count ? valid : nil
    }

    private mutating func decodeTriggers(_ node: Node, at keyPath: String) -> Set<AlertTrigger>? {
        let words = AlertTrigger.allCases.map(\.rawValue).joined(separator: ", ")
        guard let items = node.sequence, !items.isEmpty else {
            reader.report(node, keyPath, "expected a list of some of \(words), such as [failed, recovered], "
                + "but found \(WorkspaceNodeReader.describe(node))")
            return nil
        }
        let triggers = items.enumerated().map { index, item in
            reader.choice(item, at: "\(keyPath)[\(index)]", options: AlertTrigger.allCases.map { ($0.rawValue, $0) })
        }
        let valid = triggers.compactMap { $0 }
        return valid.count == triggers.count ? Set(valid) : nil
    }

    /// `delivery_rate_below`: a fraction; `nil` when left out (or reported).
    private mutating func decodeDeliveryRate(_ keyed: WorkspaceNodeReader.Keyed) -> Double? {
        guard let entry = reader.present(keyed, "delivery_rate_below", required: false) else { return nil }
        if let scalar = entry.value.scalar, case .success(let value) = YAMLCoreSchema.interpret(scalar) {
            let rate: Double? =
                switch value {
                case .number(let number): number
                case .integer(let number): Double(number)
                default: nil
                }
            if let rate, AlertConfig.isValidDeliveryRate(rate) { return rate }
        }
        reader.report(entry.value, keyed.path("delivery_rate_below"),
            "expected the share of a run's records that must be delivered, more than 0 and at most 1 (0.95 for 95%), "
                + "but found \(WorkspaceNodeReader.describe(entry.value))")
        return nil
    }

    /// The names or ids listed, each checked against the file's mappings.
    private mutating func decodeAlertMappings(_ node: Node, at keyPath: String, among names: [String]) -> [String] {
        guard let items = node.sequence else {
            reader.report(node, keyPath,
                "expected a list of mapping names or ids, such as [Identify users], but found \(WorkspaceNodeReader.describe(node))")
            return []
        }
        var mappings: [String] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(keyPath)[\(index)]"
            guard let name = reader.scalarText(item, at: itemPath, required: true) else { continue }
            checkReference(name, among: names, noun: "mappings", at: item, itemPath)
            mappings.append(name)
        }
        return mappings
    }
}
