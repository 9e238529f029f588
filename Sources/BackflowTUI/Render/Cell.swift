import BackflowCore

/// One terminal cell: a grapheme and the role it is drawn in.
///
/// A character two columns wide occupies its own cell and the next, which is marked as a
/// continuation and holds nothing of its own.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var role: UIRole
    public var isContinuation: Bool

    public init(_ character: Character = " ", role: UIRole = .text, isContinuation: Bool = false) {
        self.character = character
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
