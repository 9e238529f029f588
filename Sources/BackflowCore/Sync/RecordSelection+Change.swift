extension RecordSelection {
    /// Whether a mapping with this selection sends records that changed this way.
    public func includes(_ change: RecordChange) -> Bool {
        switch (self, change) {
        case (.added, .added), (.updated, .updated), (.addedOrUpdated, .added), (.addedOrUpdated, .updated),
            (.deleted, .deleted):
            return true
        default:
            return false
        }
    }
}
