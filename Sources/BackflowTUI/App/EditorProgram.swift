import BackflowCore
import Foundation

/// The editor's one loop: draw, wait for a key or a wake-up from background work, apply events
/// through `update`, perform effects, repeat. Every curses call happens on the calling thread.
public enum EditorProgram {
    /// Opens the UI on the workspace file `opened` was read from, problems and all, and returns when
    /// the user quits (or on SIGTERM/SIGHUP). The terminal is restored on every way out.
    public static func run(opened: WorkspaceForEditing, path: String, theme: Theme, environment: [String: String]) {
        let session = WorkspaceSession(workspace: opened.workspace, path: path, environment: environment)
        let mailbox = Mailbox()
        let signals = watchSignals(posting: mailbox)
        defer { signals.forEach { $0.cancel() } }
        let runner = EffectRunner(session: session, mailbox: mailbox, environment: environment)
        var state = AppState(
            opened: opened, workspacePath: path, maskedWriteKeys: maskedWriteKeys(opened.workspace, environment: environment))
        let terminal = CursesTerminal(theme: theme)
        defer { terminal.close() }
        var queue: [AppEvent] = [.resized(width: terminal.size.width, height: terminal.size.height)]
        queue += runner.perform(.loadHistory)
        while true {
            queue.append(.clockTicked(Date().timeIntervalSince1970))
            while !queue.isEmpty {
                let event = queue.removeFirst()
                for effect in state.update(event) {
                    if case .terminal(let request) = effect {
                        queue += terminal.perform(request, environment: environment)
                    } else {
                        queue += runner.perform(effect)
                    }
                }
            }
            if state.shouldQuit { return }
            let size = terminal.size
            terminal.present(AppView.render(state, width: size.width, height: size.height))
            guard waitForInput(wake: mailbox.readDescriptor) else { return }
            for input in terminal.readInputs() {
                switch input {
                case .key(let key): queue.append(.key(key))
                case .resized: queue.append(.resized(width: terminal.size.width, height: terminal.size.height))
                }
            }
            queue += mailbox.drain()
        }
    }

    /// Each destination's write key as the overview shows it: the variable's name and, when it
    /// is set, its value masked. The key itself never reaches the state. A Profiles destination
    /// shows its first profile space's key and how many more there are.
    public static func maskedWriteKeys(_ workspace: Workspace, environment: [String: String]) -> [String: String] {
        var masked: [String: String] = [:]
        for destination in workspace.destinations {
            let spaces = destination.profileSpaces
            guard let reference = destination.writeKey ?? spaces.first?.writeKey else { continue }
            let value = environment[reference.variableName].map { SecretMask.mask($0) } ?? "not set"
            let more = destination.writeKey == nil && spaces.count > 1 ? " (+\(spaces.count - 1) spaces)" : ""
            masked[destination.name] = "$\(reference.variableName) \(value)\(more)"
        }
        return masked
    }

    /// How long the loop waits for input before it draws again anyway, so that the ages of runs
    /// ("3m ago") move on while nobody types.
    private static let idleRedrawMilliseconds: Int32 = 15_000

    /// Blocks until the terminal has input, background work wrote to the wake pipe, or it is time to
    /// redraw the ages; false when the terminal went away (its window closed), so the loop ends
    /// instead of spinning.
    private static func waitForInput(wake: Int32) -> Bool {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&descriptors, nfds_t(descriptors.count), idleRedrawMilliseconds)
        return descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }

    /// SIGTERM and SIGHUP become a `.terminate` event, so the loop itself restores the terminal
    /// (`endwin` is not safe inside a signal handler).
    private static func watchSignals(posting mailbox: Mailbox) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { mailbox.post(.terminate) }
            source.resume()
            return source
        }
    }
}
