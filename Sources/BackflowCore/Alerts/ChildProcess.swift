import Foundation

/// Why a program could not be started: the system's error number.
struct ChildProcessError: Error, Sendable {
    let code: Int32

    var reason: String { String(cString: strerror(code)) }
}

/// A program started with `posix_spawn`, for what Foundation's `Process` does not promise: the child
/// starts with default signal handling and no blocked signals (a child of a Dispatch worker thread
/// would otherwise start with SIGTERM blocked, and one started during a sync with SIGINT and SIGTERM
/// ignored), in a process group of its own, so that stopping it stops what it started too and the
/// terminal's Ctrl-C, which Backflow handles, does not reach it.
struct ChildProcess: Sendable {
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t

    /// Held from creating a child's input pipe to starting the child, so that no other child started
    /// here meanwhile inherits the pipe's write end (and keeps the first child's input open).
    private static let starting = NSLock()

    /// Starts `executable` with `arguments` (not including the program itself), `input` on its
    /// standard input, standard output discarded and standard error written to `errorPath`.
    ///
    /// `input` is written to the pipe before the child starts, so it must fit a pipe's buffer (64 KB on
    /// Linux, 16 KB at first on macOS).
    static func spawn(
        _ executable: String, arguments: [String], environment: [String: String], input: [UInt8], errorPath: String
    ) throws(ChildProcessError) -> ChildProcess {
        starting.lock()
        defer { starting.unlock() }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw ChildProcessError(code: errno) }
        defer { close(ends[0]) }
        _ = input.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        sigdelset(&everySignal, SIGKILL)
        sigdelset(&everySignal, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw ChildProcessError(code: result) }
        return ChildProcess(pid: pid)
    }

    /// Sends `signal` to the program and everything it started in its process group.
    func signal(_ signal: Int32) {
        kill(-pid, signal)
    }

    /// Waits for the program to end, on a thread of its own (`waitpid` blocks).
    func ending() async -> Ending {
        let pid = pid
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1, errno == EINTR {}
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal))
            }
            thread.name = "backflow-alert-command"
            thread.start()
        }
    }
}
