/// Colours and attributes per UI role, loaded from a file in `themes/`.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var styles: [UIRole: RoleStyle]

    public init(name: String, styles: [UIRole: RoleStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The style of `role`; a role a theme leaves out is drawn as plain text.
    public func style(_ role: UIRole) -> RoleStyle { styles[role] ?? RoleStyle() }

    /// Used when no theme file can be found: attributes only, readable on any terminal.
    public static let builtInMonochrome = Theme(
        name: "monochrome",
        styles: [
            .title: RoleStyle(bold: true), .border: RoleStyle(dim: true), .selection: RoleStyle(reverse: true),
            .muted: RoleStyle(dim: true), .error: RoleStyle(bold: true, underline: true), .warning: RoleStyle(underline: true),
            .key: RoleStyle(bold: true), .jsonKey: RoleStyle(bold: true), .statusBar: RoleStyle(reverse: true),
            .nullValue: RoleStyle(underline: true, dim: true),
        ])
}
