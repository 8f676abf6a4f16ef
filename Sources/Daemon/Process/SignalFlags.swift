import Glibc
import Synchronization

/// Signals pending since the last `take()`, one bit per signal number (set by the handler).
private let pendingSignals = Atomic<UInt64>(0)
/// Write end of the self-pipe, or -1. Read by the handler, so it is atomic.
private let wakeFD = Atomic<Int32>(-1)

/// Runs on whatever thread the kernel picks: only async-signal-safe work (atomics, write(2)).
private func recordSignal(_ signal: Int32) {
    let savedErrno = errno
    pendingSignals.bitwiseOr(1 << UInt64(signal), ordering: .sequentiallyConsistent)
    var byte: UInt8 = 0
    _ = write(wakeFD.load(ordering: .sequentiallyConsistent), &byte, 1)
    errno = savedErrno
}

/// Self-pipe signal delivery for a single-threaded event loop (the supervisor): handlers only set a
/// flag and write one byte; the loop `poll`s `wakeDescriptor` and calls `take()`. One per process.
public final class SignalFlags {
    private let readFD: Int32
    private let writeFD: Int32

    /// Installs handlers (with SA_RESTART) for `signals` and ignores SIGPIPE.
    public init(handling signals: [Int32]) throws(SystemCallError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SystemCallError("pipe") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
        let previous = wakeFD.exchange(writeFD, ordering: .sequentiallyConsistent)
        precondition(previous == -1, "only one SignalFlags per process")
        ProcessSignals.ignore([SIGPIPE])
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { recordSignal($0) }
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    deinit {
        wakeFD.store(-1, ordering: .sequentiallyConsistent)
        close(readFD)
        close(writeFD)
    }

    /// Blocks until a signal arrives or `timeout` passes (nil: forever). Returns the signals seen, lowest first.
    public func wait(timeout: Duration?) -> [Int32] {
        var entry = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
        let milliseconds =
            timeout.map {
                Int32(
                    clamping: max(0, $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000))
            } ?? -1
        if pendingSignals.load(ordering: .sequentiallyConsistent) == 0 { _ = poll(&entry, 1, milliseconds) }
        return take()
    }

    /// Drains the pipe and returns (and clears) the pending signals.
    public func take() -> [Int32] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readFD, &buffer, buffer.count) > 0 {}
        let bits = pendingSignals.exchange(0, ordering: .sequentiallyConsistent)
        return (1..<64).filter { bits & (1 << UInt64($0)) != 0 }.map(Int32.init)
    }

    /// In a freshly forked child: restore default dispositions and forget the parent's pipe.
    public func detachInChild(restoring signals: [Int32]) {
        ProcessSignals.restoreDefault(signals)
        wakeFD.store(-1, ordering: .sequentiallyConsistent)
        pendingSignals.store(0, ordering: .sequentiallyConsistent)
        close(readFD)
        close(writeFD)
    }
}
