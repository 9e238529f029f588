import Foundation
import Yams

/// Parses a theme file:
///
/// ```yaml
/// name: default
/// roles:
///   title: { fg: cyan, bold: true }
///   selection: { fg: black, bg: cyan }
/// ```
///
/// Roles are the ``UIRole`` names; colours are `default`, the eight ANSI names, `bright-` plus a
/// name, or 0–255. Unknown roles, keys and colours are errors naming the file and the entry.
public enum ThemeFile {
    public static func load(path: String) throws(ThemeError) -> Theme {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(ThemeError) -> Theme {
        let document: Any?
        do { document = try Yams.load(yaml: text) } catch { throw .invalid(path: path, reason: "\(error)") }
        guard let root = document as? [String: Any] else {
            throw .invalid(path: path, reason: "a theme is a mapping with `name` and `roles`")
        }
        let name = root["name"] as? String ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard let roles = root["roles"] as? [String: Any] else {
            throw .invalid(path: path, reason: "`roles` must map role names to styles")
        }
        var styles: [UIRole: RoleStyle] = [:]
        for (roleName, value) in roles {
            guard let role = UIRole(rawValue: roleName) else {
                let known = UIRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalid(path: path, reason: "unknown role \"\(roleName)\" (roles: \(known))")
            }
            styles[role] = try style(value, role: roleName, path: path)
        }
        return Theme(name: name, styles: styles)
    }

    private static func style(_ value: Any, role: String, path: String) throws(ThemeError) -> RoleStyle {
        guard let entries = value as? [String: Any] else {
            throw .invalid(path: path, reason: "roles.\(role) must be a mapping such as { fg: cyan, bold: true }")
        }
        var style = RoleStyle()
        for (key, entry) in entries {
            switch key {
            case "fg": style.foreground = try color(entry, at: "roles.\(role).fg", path: path)
            case "bg": style.background = try color(entry, at: "roles.\(role).bg", path: path)
            case "bold": style.bold = try flag(entry, at: "roles.\(role).bold", path: path)
            case "reverse": style.reverse = try flag(entry, at: "roles.\(role).reverse", path: path)
            case "underline": style.underline = try flag(entry, at: "roles.\(role).underline", path: path)
            case "dim": style.dim = try flag(entry, at: "roles.\(role).dim", path: path)
            default:
                throw .invalid(
                    path: path, reason: "roles.\(role): unknown key \"\(key)\" (fg, bg, bold, reverse, underline, dim)")
            }
        }
        return style
    }

    private static func color(_ value: Any, at key: String, path: String) throws(ThemeError) -> ThemeColor {
        guard let color = ThemeColor(name: "\(value)") else {
            throw .invalid(
                path: path,
                reason: "\(key): \"\(value)\" is not a colour (default, black, red, green, yellow, blue, magenta, "
                    + "cyan, white, bright-<name>, or 0-255)")
        }
        return color
    }

    private static func flag(_ value: Any, at key: String, path: String) throws(ThemeError) -> Bool {
        guard let flag = value as? Bool else { throw .invalid(path: path, reason: "\(key) must be true or false") }
        return flag
    }
}
