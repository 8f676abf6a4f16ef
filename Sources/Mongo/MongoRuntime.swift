internal import CMongoc
internal import Synchronization

/// libmongoc's process-wide state. `initialize()` must run in `main` before any thread or fork;
/// it is idempotent, so tests and tools may call it freely.
public enum MongoRuntime {
    /// Whether mongoc_init has run and cleanup has not; guarded by its own mutex.
    private static let initialized = Mutex(false)

    public static func initialize() {
        initialized.withLock { done in
            guard !done else { return }
            mongoc_init()
            done = true
        }
    }

    /// Releases libmongoc's global state at exit, after every pool is gone.
    public static func cleanup() {
        initialized.withLock { done in
            guard done else { return }
            mongoc_cleanup()
            done = false
        }
    }
}
