import BackflowCore
import CNCurses
import Foundation

/// What the terminal reports besides keys.
enum TerminalInput {
    case key(Key)
    case resized
}

/// The only type that calls curses: starts and restores the terminal, turns roles into colour
/// pairs, writes the rows of a grid that changed since the last frame, and decodes keys.
///
/// Not Sendable on purpose: curses is not thread-safe and `get_wch` refreshes the screen, so the
/// UI thread creates it, uses it and closes it.
final class CursesTerminal {
    private var attributes: [UIRole: Int32] = [:]
    private var previous: CellGrid?
    /// The text of a bracketed paste whose end has not been read yet; a long paste can span reads.
    private var pasting: String?

    /// The key codes curses reports for the terminal's paste brackets (`ESC [200~`, `ESC [201~`).
    private static let pasteStart = KEY_MAX + 1
    private static let pasteEnd = KEY_MAX + 2

    init(theme: Theme) {
        cnc_set_utf8_locale()
        initscr()
        raw()
        noecho()
        keypad(cnc_stdscr(), true)
        nodelay(cnc_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        setUpColors(theme)
        define_key("\u{1b}[200~", Self.pasteStart)
        define_key("\u{1b}[201~", Self.pasteEnd)
        Self.writeToTerminal(Self.bracketedPasteOn)
        // Presses reported as they happen (no click timing): a click is the left button going down.
        mousemask(cnc_button1_pressed() | cnc_button4_pressed() | cnc_button5_pressed(), nil)
        mouseinterval(0)
    }

    /// Asks the terminal to bracket pasted text, so a paste reaches the editor as one `.paste` key
    /// (whole, newlines and all) rather than as keys that would each do something.
    private static let bracketedPasteOn = "\u{1b}[?2004h"
    private static let bracketedPasteOff = "\u{1b}[?2004l"

    /// Columns and rows of the terminal now.
    var size: (width: Int, height: Int) { (Int(cnc_cols()), Int(cnc_lines())) }

    func close() {
        Self.writeToTerminal(Self.bracketedPasteOff)
        endwin()
    }

    /// Does what only the terminal can; answers with a resize so the next frame is drawn whole.
    func perform(_ request: TerminalRequest, environment: [String: String]) -> [AppEvent] {
        switch request {
        case .copy(let text):
            Self.writeToTerminal(ClipboardSequence.osc52(text))
            return []
        case .page(let text):
            let problem = suspended { PagerRun.show(text, environment: environment) }
            return problem.map { [.problem($0)] } ?? [redrawEvent]
        case .suspend:
            suspended { PagerRun.stopAsJob() }
            return [redrawEvent]
        }
    }

    /// Runs `work` with the terminal as the shell left it, then takes it back and forgets the last
    /// frame, so the next one is drawn whole.
    @discardableResult
    private func suspended<Result>(_ work: () -> Result) -> Result {
        Self.writeToTerminal(Self.bracketedPasteOff)
        endwin()
        let result = work()
        refresh()
        Self.writeToTerminal(Self.bracketedPasteOn)
        previous = nil
        return result
    }

    private var redrawEvent: AppEvent { .resized(width: size.width, height: size.height) }

    private static func writeToTerminal(_ sequence: String) {
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }

    /// Draws `grid`, rewriting only the rows that differ from the last frame.
    func present(_ grid: CellGrid) {
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { erase() }
        for y in 0..<grid.height {
            let row = grid.row(y)
            if !full, let previous, previous.row(y) == row { continue }
            draw(row, y: y)
        }
        previous = grid
        refresh()
    }

    /// Every key waiting, without blocking.
    func readInputs() -> [TerminalInput] {
        var inputs: [TerminalInput] = []
        var character: wint_t = 0
        while true {
            let status = get_wch(&character)
            if status == ERR { break }
            if status == KEY_CODE_YES, Int32(character) == Self.pasteStart {
                pasting = ""
            } else if status == KEY_CODE_YES, Int32(character) == Self.pasteEnd {
                inputs.append(.key(.paste(pasting ?? "")))
                pasting = nil
            } else if pasting != nil {
                if status != KEY_CODE_YES, let scalar = UnicodeScalar(UInt32(character)) {
                    pasting?.unicodeScalars.append(scalar)
                }
            } else if status == KEY_CODE_YES {
                if Int32(character) == KEY_RESIZE {
                    previous = nil
                    inputs.append(.resized)
                } else if Int32(character) == KEY_MOUSE {
                    if let event = Self.mouseEvent() { inputs.append(.key(.mouse(event))) }
                } else if let key = Self.functionKey(Int32(character)) {
                    inputs.append(.key(key))
                }
            } else if let key = Self.characterKey(UInt32(character)) {
                inputs.append(.key(key))
            }
        }
        return inputs
    }

    private func draw(_ row: ArraySlice<Cell>, y: Int) {
        var x = 0
        var run = ""
        var runRole: UIRole?
        var runStart = 0
        func flush() {
            guard let role = runRole, !run.isEmpty else { return }
            attrset(attributes[role] ?? 0)
            mvaddstr(Int32(y), Int32(runStart), run)
        }
        for cell in row {
            defer { x += 1 }
            if cell.isContinuation { continue }
            if cell.role != runRole {
                flush()
                run = ""
                runRole = cell.role
                runStart = x
            }
            run.append(cell.character)
        }
        flush()
    }

    private func setUpColors(_ theme: Theme) {
        let useColor = has_colors()
        if useColor {
            start_color()
            use_default_colors()
        }
        let available = Int(cnc_colors())
        for (index, role) in UIRole.allCases.enumerated() {
            let style = useColor ? theme.style(role) : theme.style(role).withoutColor
            var attribute = cnc_a_normal()
            if useColor {
                let pair = Int16(index + 1)
                init_pair(pair, Self.fit(style.foreground, available), Self.fit(style.background, available))
                attribute |= cnc_color_pair(Int32(pair))
            }
            if style.bold { attribute |= cnc_a_bold() }
            if style.reverse { attribute |= cnc_a_reverse() }
            if style.underline { attribute |= cnc_a_underline() }
            if style.dim { attribute |= cnc_a_dim() }
            attributes[role] = attribute
        }
    }

    /// A colour the terminal can show: bright colours fall back to their base on 8-colour
    /// terminals, palette indexes beyond the terminal's to its default.
    private static func fit(_ color: ThemeColor, _ available: Int) -> Int16 {
        let number = color.cursesNumber
        if number < available { return Int16(number) }
        if number < 16 { return Int16(number - 8) }
        return -1
    }

    /// The mouse event curses has waiting, when it is one the editor uses.
    private static func mouseEvent() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let at = (x: Int(event.x), y: Int(event.y))
        if event.bstate & cnc_button1_pressed() != 0 { return MouseEvent(.click, x: at.x, y: at.y) }
        if event.bstate & cnc_button4_pressed() != 0 { return MouseEvent(.wheelUp, x: at.x, y: at.y) }
        if event.bstate & cnc_button5_pressed() != 0 { return MouseEvent(.wheelDown, x: at.x, y: at.y) }
        return nil
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        default: return nil
        }
    }

    private static func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return UnicodeScalar(code + 96).map { .control(Character($0)) }
        default: return UnicodeScalar(code).map { .character(Character($0)) }
        }
    }
}
