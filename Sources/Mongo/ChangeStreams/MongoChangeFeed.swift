public import Domain
internal import Glibc
public import Logging
public import Metrics
internal import Synchronization

/// Follows the change streams of session_messages, sessions, session_live, session_commands, tasks and
/// users (docs/realtime.md), one thread per collection.
///
/// **Pool size.** Each thread holds one client of `pool` from `start` to `stop`, so the feed needs
/// `MongoChangeFeed.pooledClients` (6) clients for itself: size the pool as that plus the caller's own
/// threads. With fewer, `start` waits for clients for 30 s, then throws a timeout (a thread still
/// waiting for a client is left to exit once it gets one).
///
/// Resume tokens live in memory only: after a restart the feed starts from now, and clients re-join by
/// `seq` from the database (docs/realtime.md, "Exactly once").
public final class MongoChangeFeed: Sendable {
    /// How many pooled clients the feed holds while running (one per followed collection).
    public static let pooledClients = WatchedCollection.all.count
    /// How long `start` waits for every stream to open.
    static let openTimeout = Duration.seconds(30)

    private struct Running {
        var followers: [ChangeStreamFollower]
        var threads: [pthread_t]
    }

    private let pool: MongoClientPool
    private let database: String
    private let logger: Logger
    private let metrics: MetricsSegment?
    /// The followers and their threads while running; guarded by its mutex.
    private let running = Mutex<Running?>(nil)

    public init(pool: MongoClientPool, database: String, logger: Logger, metrics: MetricsSegment? = nil) {
        self.metrics = metrics
        self.pool = pool
        self.database = database
        self.logger = logger
    }

    deinit { stop() }

    /// Opens every stream (so every write after `start` returns is seen), then follows each on its own
    /// thread, calling `deliver` (from those threads, in each collection's order) with each change and its time. Throws if a stream
    /// cannot open; then no thread is left running. Calling it while running is a programmer error.
    public func start(deliver: @escaping @Sendable (ObservedChange) -> Void) throws {
        let followers = WatchedCollection.all.map {
            ChangeStreamFollower(
                watched: $0, pool: pool, database: database, logger: logger, metrics: metrics, deliver: deliver)
        }
        try running.withLock { running in
            precondition(running == nil, "MongoChangeFeed started twice")
            let started = Running(followers: followers, threads: followers.map(Self.spawn))
            do {
                for follower in followers { try follower.waitUntilOpen(timeout: Self.openTimeout) }
            } catch {
                Self.stop(started)
                throw error
            }
            running = started
        }
        logger.notice(
            "change feed following",
            metadata: [MongoLogKey.collections: "\(followers.map(\.watched.name).joined(separator: ","))"])
    }

    /// Stops and joins the threads (returns within about 1 s while the server answers; a thread waiting
    /// for an unreachable server finishes its attempt first, up to the pool's server-selection timeout).
    public func stop() {
        guard let stopped = running.withLock({ $0.take() }) else { return }
        Self.stop(stopped)
        logger.notice("change feed stopped")
    }

    /// The followers, for tests that force failures.
    var followers: [ChangeStreamFollower] { running.withLock { $0?.followers ?? [] } }

    /// Stops every follower and joins its thread; one still waiting for a pooled client (only after a
    /// failed `start`) cannot be joined in time and is detached instead.
    private static func stop(_ running: Running) {
        for follower in running.followers { follower.stop() }
        for (follower, thread) in zip(running.followers, running.threads) {
            if follower.isSettled { pthread_join(thread, nil) } else { pthread_detach(thread) }
        }
    }

    private static func spawn(_ follower: ChangeStreamFollower) -> pthread_t {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(follower).toOpaque()
        let result = pthread_create(&thread, nil, followerThreadMain, context)
        precondition(result == 0, "pthread_create failed for a change stream follower: errno \(result)")
        return thread
    }
}

/// pthread entry of a follower's thread; takes over the +1 reference `spawn` passed.
private func followerThreadMain(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    Unmanaged<ChangeStreamFollower>.fromOpaque(context).takeRetainedValue().run()
    return nil
}
