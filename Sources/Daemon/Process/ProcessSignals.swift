import Glibc

/// Thin, safe wrappers over signal masks and dispositions, for worker processes and tests.
public enum ProcessSignals {
    public static func ignore(_ signals: [Int32]) {
        for signal in signals { setDisposition(signal, handler: SIG_IGN, flags: 0) }
    }

    public static func restoreDefault(_ signals: [Int32]) {
        for signal in signals { setDisposition(signal, handler: SIG_DFL, flags: 0) }
    }

    /// A handler that does nothing, installed WITHOUT SA_RESTART: delivering the signal to a thread makes
    /// its blocking call (accept) fail with EINTR. Used to wake accept threads during a drain.
    public static func installInterruptOnly(_ signal: Int32) {
        setDisposition(signal, handler: { _ in }, flags: 0)
    }

    /// Blocks `signals` in the calling thread; threads it creates afterwards inherit the mask.
    public static func block(_ signals: [Int32]) {
        var set = makeSet(signals)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Unblocks `signals` in the calling thread only.
    public static func unblock(_ signals: [Int32]) {
        var set = makeSet(signals)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    public static func unblockAll() {
        var set = sigset_t()
        sigemptyset(&set)
        pthread_sigmask(SIG_SETMASK, &set, nil)
    }

    /// Waits for one of `signals`, which must be blocked in every thread. Returns the signal received.
    public static func wait(for signals: [Int32]) -> Int32 {
        var set = makeSet(signals)
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }

    private static func makeSet(_ signals: [Int32]) -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        return set
    }

    private static func setDisposition(_ signal: Int32, handler: __sighandler_t?, flags: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        action.sa_flags = flags
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
    }
}
