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
        // posix_spawn rather than Foundation's Process, which starts the child in a process group of
        // its own: the pager would then be a background job and be stopped the moment it reads a key.
        let arguments = ["/bin/sh", "-c", "\(pager) \"$1\"", "backflow-pager", file.path]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
        guard spawned == 0 else { return "cannot run the pager \(pager): error \(spawned)" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let exitStatus = (status >> 8) & 0xff
        return status & 0x7f == 0 && exitStatus != 0 ? "the pager \(pager) exited with status \(exitStatus)" : nil
    }

    /// Stops the process as Ctrl-Z stops any job, and returns once the shell's `fg` continues it.
    /// The editor reads Ctrl-Z as a key (the terminal is raw), so it sends itself the signal.
    /// SIGTSTP is unblocked for the moment, since a parent may have started the editor with it blocked.
    static func stopAsJob() {
        let previous = signal(SIGTSTP, SIG_DFL)
        var stop = sigset_t(), mask = sigset_t()
        sigemptyset(&stop)
        sigaddset(&stop, SIGTSTP)
        sigprocmask(SIG_UNBLOCK, &stop, &mask)
        raise(SIGTSTP)
        sigprocmask(SIG_SETMASK, &mask, nil)
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
