import Foundation

/// Finds the theme to use: `--theme`, else the workspace's `settings.theme`, else `default`;
/// NO_COLOR (set and not empty) always wins and gives monochrome.
///
/// A name is looked up as `<name>.yml` in the `themes/` folder beside the workspace file, in
/// `$BACKFLOW_THEMES`, in `share/backflow/themes` beside an installed executable's `bin/`, and in a
/// `themes/` folder above the executable (a checkout's `.build/…/backflow`); a value ending in
/// `.yml` or `.yaml` is a path. When no `default` or `monochrome` file can be found, the built-in
/// monochrome theme is used, so an installed binary without its themes still opens.
public struct ThemeLocator: Sendable {
    public var workspacePath: String
    public var environment: [String: String]
    public var executablePath: String

    public init(workspacePath: String, environment: [String: String], executablePath: String) {
        self.workspacePath = workspacePath
        self.environment = environment
        self.executablePath = executablePath
    }

    public func theme(requested: String?, workspaceSetting: String?) throws(ThemeError) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return (try? load(named: "monochrome")) ?? Theme.builtInMonochrome
        }
        return try load(named: requested ?? workspaceSetting ?? "default")
    }

    public func load(named name: String) throws(ThemeError) -> Theme {
        if name.hasSuffix(".yml") || name.hasSuffix(".yaml") { return try ThemeFile.load(path: name) }
        let folders = searchFolders
        for folder in folders {
            let path = folder + "/" + name + ".yml"
            if FileManager.default.fileExists(atPath: path) { return try ThemeFile.load(path: path) }
        }
        if name == "monochrome" || name == "default" { return Theme.builtInMonochrome }
        throw .notFound(name: name, searched: folders)
    }

    var searchFolders: [String] {
        var folders: [String] = []
        let workspaceFolder = URL(fileURLWithPath: workspacePath).deletingLastPathComponent()
        folders.append(workspaceFolder.appendingPathComponent("themes").path)
        if let configured = environment["BACKFLOW_THEMES"], !configured.isEmpty { folders.append(configured) }
        var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        folders.append(folder.deletingLastPathComponent().appendingPathComponent("share/backflow/themes").path)
        for _ in 0..<5 {
            folders.append(folder.appendingPathComponent("themes").path)
            folder.deleteLastPathComponent()
        }
        return folders
    }
}
