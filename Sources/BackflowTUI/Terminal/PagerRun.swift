import Foundation

/// The shell's side of the terminal: a pager the user reads a payload in, and stopping as a job.
/// Called only while curses has given the terminal back (``CursesTerminal``).
enum PagerRun {
    /// Writes `text` to a private temporary file and runs `$PAGER` (`less` when unset) on it,
    /// through the shell so a `PAGER` with options (`less -R`) works; returns why it could not.
    static func show(_ text: String, environment: [String: String]) -> String? {
        let pager = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-payload-\(UUID().uuidString).json")
        // The payload may hold personal data: only the user may read the file, and it goes when the pager quits.
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { return "cannot write the payload for the pager in \(file.deletingLastPathComponent().path)" }
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(pager) \"$1\"", "backflow-pager", file.path]
        do {
            try process.run()
        } catch {
            return "cannot run the pager \(pager): \(error.localizedDescription)"
        }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : "the pager \(pager) exited with status \(process.terminationStatus)"
    }

    /// Stops the process as Ctrl-Z stops any job, and returns once the shell's `fg` continues it.
    /// The editor reads Ctrl-Z as a key (the terminal is raw), so it sends itself the signal.
    static func stopAsJob() {
        let previous = signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        signal(SIGTSTP, previous)
    }
}

/// OSC 52, the escape that sets the clipboard of the terminal the user sits at, also through ssh
/// and (with `set-clipboard on`) tmux.
enum ClipboardSequence {
    static func osc52(_ text: String) -> String {
        "\u{1b}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
