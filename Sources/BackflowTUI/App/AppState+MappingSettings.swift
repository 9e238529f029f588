import BackflowCore

/// The settings rows at the top of the mapping form: each opens a list, a prompt, or (sync nulls)
/// flips at once. A choice that would put the draft's fields aside (another action or destination)
/// is asked about first, and the draft keeps them until `y`.
extension AppState {
    /// Opens `setting` on the form, with the cursor moved to its row.
    mutating func openSetting(_ setting: MappingSetting) -> [Effect] {
        guard var editing = editor, editing.step == .form else { return [] }
        editing.selected = editorFormRows(editing).firstIndex(of: .setting(setting)) ?? editing.selected
        editing.message = nil
        editor = editing
        let draft = editing.draft
        switch setting {
        case .name:
            prompt = TextPrompt(purpose: .mappingName, text: draft.name)
        case .testRecord:
            prompt = TextPrompt(purpose: .testRecord, text: draft.testRecord ?? "")
        case .syncNulls:
            var changed = draft
            changed.syncNulls.toggle()
            return changeDraft(to: changed, label: "sync nulls \(changed.syncNulls ? "on" : "off")")
        case .destination, .model, .action, .records, .schedule:
            let selected = currentSettingChoice(setting, of: draft)
            editor?.picker = .setting(setting, selected: selected)
        }
        return []
    }

    /// What a setting's list offers, as it shows them.
    func settingChoices(_ setting: MappingSetting) -> [String] {
        guard let editing = editor else { return [] }
        switch setting {
        case .destination: return workspace.destinations.map { "\($0.name) (\($0.type))" }
        case .model: return workspace.models.map(\.name)
        case .action: return editorActions(editing).map { "\($0.title) (\($0.key))" }
        case .records: return RecordSelection.allCases.map(\.label)
        case .schedule: return scheduleChoices(editing.draft.schedule).map(\.label)
        case .name, .testRecord, .syncNulls: return []
        }
    }

    /// The schedules the list offers: manual, Segment's intervals, the draft's own weekly schedule
    /// when it has one (the form does not build those), and a cron expression typed in.
    private func scheduleChoices(_ current: Schedule) -> [(label: String, schedule: Schedule?)] {
        var choices: [(label: String, schedule: Schedule?)] = [("manual", .manual)]
        choices += Schedule.intervals.map { ("every \($0.token)", .interval(minutes: $0.minutes)) }
        if case .weekly = current { choices.append((current.label, current)) }
        choices.append(("cron expression…", nil))
        return choices
    }

    private func currentSettingChoice(_ setting: MappingSetting, of draft: MappingConfig) -> Int {
        switch setting {
        case .destination: return workspace.destinations.firstIndex { $0.name == draft.destination } ?? 0
        case .model: return workspace.models.firstIndex { $0.name == draft.model } ?? 0
        case .action: return editor.flatMap { editorActions($0).firstIndex { $0.key == draft.action } } ?? 0
        case .records: return RecordSelection.allCases.firstIndex(of: draft.records) ?? 0
        case .schedule:
            let choices = scheduleChoices(draft.schedule)
            if case .cron = draft.schedule { return choices.count - 1 }
            return choices.firstIndex { $0.schedule == draft.schedule } ?? 0
        case .name, .testRecord, .syncNulls: return 0
        }
    }

    /// Enter in a setting's list.
    mutating func chooseSetting(_ setting: MappingSetting, at index: Int) -> [Effect] {
        guard let editing = editor else { return [] }
        var changed = editing.draft
        switch setting {
        case .destination:
            guard let destination = workspace.destinations[safe: index], destination.name != changed.destination else {
                return []
            }
            let others = workspace.mappings.filter { $0.destination == destination.name && $0.name != editing.originalName }
            guard others.count < Catalog.maximumMappingsPerDestination else {
                editor?.message = "\(destination.name) already has \(Catalog.maximumMappingsPerDestination) mappings, "
                    + "Segment's limit for one destination: remove one first"
                return []
            }
            // A destination of the same type has the same actions, so it takes the fields as they are
            // (as does any with the action, when the draft's destination is not in the workspace).
            let currentType = workspace.destination(named: changed.destination)?.type
            let sameActions = currentType.map { $0 == destination.type }
                ?? (destination.catalogEntry?.action(changed.action) != nil)
            guard !sameActions else {
                changed.destination = destination.name
                return changeDraft(to: changed, label: "destination \(editing.draft.destination) → \(destination.name)")
            }
            return askBeforeFieldsGo(.destination(destination.name))
        case .model:
            guard let model = workspace.models[safe: index] else { return [] }
            changed.model = model.name
            let effects = changeDraft(to: changed, label: "model \(editing.draft.model) → \(model.name)")
            return loadColumns(of: model.name) + effects
        case .action:
            guard let action = editorActions(editing)[safe: index], action.key != changed.action else { return [] }
            return askBeforeFieldsGo(.action(action.key))
        case .records:
            guard let records = RecordSelection.allCases[safe: index] else { return [] }
            changed.records = records
            return changeDraft(to: changed, label: "records \(editing.draft.records.label) → \(records.label)")
        case .schedule:
            guard let choice = scheduleChoices(changed.schedule)[safe: index] else { return [] }
            guard let schedule = choice.schedule else {
                var text = ""
                if case .cron(let expression, let zone) = changed.schedule { text = "\(expression.text) \(zone.name)" }
                prompt = TextPrompt(purpose: .cronSchedule, text: text)
                return []
            }
            changed.schedule = schedule
            return changeDraft(to: changed, label: "schedule \(editing.draft.schedule.label) → \(schedule.label)")
        case .name, .testRecord, .syncNulls:
            return []
        }
    }

    /// A change of action or destination: made at once when the draft has no fields to lose,
    /// asked about otherwise.
    private mutating func askBeforeFieldsGo(_ target: PendingDraftChange.Target) -> [Effect] {
        guard let editing = editor else { return [] }
        guard !editing.draft.fields.isEmpty, !editing.draft.action.isEmpty else { return makeChange(target) }
        let change = PendingDraftChange(
            target: target, currentAction: editing.draft.action, fieldCount: editing.draft.fields.count)
        editor?.pendingChange = change
        notice = Notice(change.question, role: .warning)
        return []
    }

    /// `y` makes the change asked about; any other key keeps the draft as it is.
    mutating func answerPendingChange(_ change: PendingDraftChange, _ key: Key) -> [Effect] {
        editor?.pendingChange = nil
        guard key == .character("y") else {
            notice = Notice("kept \(change.currentAction) and its fields", role: .muted)
            return []
        }
        return makeChange(change.target)
    }

    /// Puts the draft's fields aside (to come back if the user returns to their action) and moves
    /// the draft to the new action, with its put-aside fields or its defaults; a new destination
    /// has no action yet, so its action list opens at once.
    private mutating func makeChange(_ target: PendingDraftChange.Target) -> [Effect] {
        guard var editing = editor else { return [] }
        var changed = editing.draft
        if !changed.action.isEmpty, !changed.fields.isEmpty {
            editing.fieldsLeftBehind[ActionKey(destination: changed.destination, action: changed.action)] = changed.fields
        }
        let label: String
        switch target {
        case .destination(let destination):
            label = "destination \(changed.destination) → \(destination)"
            changed.destination = destination
            changed.action = ""
            changed.fields = JSONObject()
            editing.picker = .setting(.action, selected: 0)
        case .action(let key):
            label = "action \(changed.action.isEmpty ? "none" : changed.action) → \(key)"
            changed.action = key
            let kept = ActionKey(destination: changed.destination, action: key)
            if let fields = editing.fieldsLeftBehind.removeValue(forKey: kept) {
                changed.fields = fields
            } else if let action = editorActions(editing).first(where: { $0.key == key }) {
                changed.fields = initialFields(of: action, for: changed.destination)
            }
        }
        editor = editing
        return changeDraft(to: changed, label: label)
    }

    /// Enter in the test record prompt; empty text tests the model's first record.
    mutating func testRecordChosen(_ text: String) -> [Effect] {
        guard let editing = editor else { return [] }
        let record = text.trimmingCharacters(in: .whitespaces)
        var changed = editing.draft
        changed.testRecord = record.isEmpty ? nil : record
        return changeDraft(to: changed, label: "test record \(record.isEmpty ? "the first record" : record)")
    }

    /// Enter in the cron prompt: five fields, then an IANA time zone; the core's own checks say
    /// what is wrong (runs closer than 15 minutes, an unknown zone) and the prompt stays open.
    mutating func cronScheduleChosen(_ text: String) -> [Effect] {
        guard let editing = editor else { return [] }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 6 else {
            return refuseCron(text, "expected five cron fields and a time zone, such as 0 */2 * * * Europe/Berlin")
        }
        let expression: CronExpression
        do {
            expression = try CronExpression(words[0..<5].joined(separator: " "))
        } catch {
            return refuseCron(text, error.description)
        }
        guard let zone = IANATimeZone(words[5]) else {
            return refuseCron(text, "\(words[5]) is not an IANA time zone such as UTC or Europe/Berlin")
        }
        var changed = editing.draft
        changed.schedule = .cron(expression, timeZone: zone)
        return changeDraft(to: changed, label: "schedule \(editing.draft.schedule.label) → \(changed.schedule.label)")
    }

    private mutating func refuseCron(_ text: String, _ reason: String) -> [Effect] {
        editor?.message = reason
        prompt = TextPrompt(purpose: .cronSchedule, text: text)
        return []
    }
}
