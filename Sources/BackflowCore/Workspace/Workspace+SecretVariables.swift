extension Workspace {
    /// Every environment variable the file names as holding a secret: sources' connection URLs,
    /// destinations' and profile spaces' write keys, alerts' webhook URLs. Whatever reaches outside
    /// Backflow (an alert's notice, an alert's command) is kept clear of their values.
    public var secretVariableNames: Set<String> {
        var names = Set<String>()
        for source in sources {
            if case .postgres(let url) = source.kind { names.insert(url.variableName) }
        }
        for destination in destinations {
            if let writeKey = destination.writeKey { names.insert(writeKey.variableName) }
            for space in destination.profileSpaces { names.insert(space.writeKey.variableName) }
        }
        for alert in alerts {
            if case .webhook(let url) = alert.target { names.insert(url.variableName) }
        }
        return names
    }
}
