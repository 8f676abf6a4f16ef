internal import BSON
internal import Domain
internal import Foundation
internal import Glibc
internal import Logging
internal import Metrics
internal import Synchronization

/// Follows one collection's change stream on a thread of its own, holding one pooled client for the
/// thread's whole life: reads events, maps them (`WatchedCollection`), hands them to `deliver` in the
/// stream's order, and keeps the resume token of the last one in memory. Failures go through
/// `ChangeStreamRecovery`.
///
/// Shared between the feed (start, stop) and the follower's thread: every property is immutable or
/// atomic, and the stream, client and token live only in `run`'s frame.
final class ChangeStreamFollower: Sendable {
    let watched: WatchedCollection
    private let pool: MongoClientPool
    private let database: String
    private let logger: Logger
    private let deliver: @Sendable (ObservedChange) -> Void
    private let metrics: MetricsSegment?
    private let stopping = Atomic(false)
    /// Signalled once the first stream is open, or could not be; `settled` is set just before.
    private let opening = DispatchSemaphore(value: 0)
    private let settled = Atomic(false)
    /// Why the first stream could not open; guarded by its mutex.
    private let openFailure = Mutex<MongoError?>(nil)
    /// A fault the thread acts out at its next step, as if the server had caused it (tests):
    /// 0 none, 1 the stream fails (a dropped connection), 2 the stream is invalidated.
    private let faultRequested = Atomic(0)
    /// Stream failures handled so far, and streams reopened after one (for tests and diagnostics).
    let failures = Atomic(0)
    let reopenings = Atomic(0)

    /// The longest single sleep: a stop is noticed within this.
    static let sleepStep = Duration.milliseconds(50)

    init(
        watched: WatchedCollection, pool: MongoClientPool, database: String, logger: Logger,
        metrics: MetricsSegment? = nil, deliver: @escaping @Sendable (ObservedChange) -> Void
    ) {
        self.watched = watched
        self.pool = pool
        self.database = database
        var logger = logger
        logger[metadataKey: MongoLogKey.collection] = "\(watched.name)"
        self.logger = logger
        self.deliver = deliver
        self.metrics = metrics
    }

    // MARK: - Any thread

    /// Blocks until the first stream is open; throws why it could not open.
    func waitUntilOpen(timeout: Duration) throws {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
        guard opening.wait(timeout: .now() + seconds) == .success else {
            throw MongoError(.timeout, detail: "change stream on \(watched.name) did not open in \(timeout)")
        }
        if let failure = openFailure.withLock({ $0 }) { throw failure }
    }

    func stop() { stopping.store(true, ordering: .relaxed) }

    /// Whether the thread got past its first open (false: still waiting for a pooled client).
    var isSettled: Bool { settled.load(ordering: .acquiring) }

    /// The stream fails at the thread's next step, as on a dropped connection (tests).
    func simulateFailure() { faultRequested.store(1, ordering: .relaxed) }

    /// The stream is invalidated at the thread's next step, as when its collection is dropped (tests).
    func simulateInvalidation() { faultRequested.store(2, ordering: .relaxed) }

    private var isStopping: Bool { stopping.load(ordering: .relaxed) }

    // MARK: - The follower's thread

    /// The thread's whole life: borrow a client, open the stream, follow it until `stop`.
    func run() {
        pool.withClient { client in
            guard !isStopping else { return }  // `start` gave up waiting for this client
            let first: MongoChangeStream
            do {
                first = try open(on: client, after: nil)
            } catch {
                let failure = error as? MongoError ?? MongoError(.commandFailed, detail: "\(error)")
                openFailure.withLock { $0 = failure }
                settle()
                return
            }
            settle()
            follow(first, on: client)
        }
    }

    private func settle() {
        settled.store(true, ordering: .releasing)
        opening.signal()
    }

    private func follow(_ first: MongoChangeStream, on client: MongoClient) {
        var stream: MongoChangeStream? = first
        var token = first.resumeToken
        var recovery = ChangeStreamRecovery()
        var pacing = ChangeStreamPacing()
        let clock = ContinuousClock()
        while !isStopping {
            guard let current = stream else {
                let fromNow = recovery.start == .now || token == nil
                do {
                    let reopened = try open(on: client, after: fromNow ? nil : token)
                    reopenings.add(1, ordering: .relaxed)
                    metrics?.add(.changeStreamRestarts) { $0.label("collection", watched.name) }
                    if recovery.opened() { lostPosition() }
                    token = reopened.resumeToken ?? (fromNow ? nil : token)
                    stream = reopened
                } catch {
                    logFailure("change stream reopen failed", error)
                    let unreachable = (error as? MongoError)?.code.isUnreachable ?? false
                    pause(recovery.openFailed(unreachable: unreachable))
                }
                continue
            }
            do {
                let asked = clock.now
                switch try step(current) {
                case .idle:
                    recovery.streamAnswered()
                    let now = clock.now
                    pause(pacing.pause(afterEmptyAnswerTaking: now - asked, at: now))
                case .handled:
                    recovery.streamAnswered()
                    pacing.eventHandled(at: clock.now)
                case .invalidated:
                    recovery.streamInvalidated()
                    stream = nil
                }
                // After an event: its token. After an empty batch: where the server says the stream is.
                if stream != nil { token = current.resumeToken ?? token }
            } catch {
                failures.add(1, ordering: .relaxed)
                logFailure("change stream failed", error)
                stream = nil
                pause(recovery.streamFailed(hasToken: token != nil))
            }
        }
    }

    private enum Step { case idle, handled, invalidated }

    /// Reads one event, maps it and delivers it. An event that cannot be mapped is logged and skipped
    /// (its token still counts: reading it again would fail again).
    private func step(_ stream: MongoChangeStream) throws -> Step {
        switch faultRequested.exchange(0, ordering: .relaxed) {
        case 1: throw MongoError(.connection, detail: "simulated stream failure")
        case 2: return .invalidated
        default: break
        }
        guard let raw = try stream.next() else { return .idle }
        do {
            let event = try ChangeEvent(raw)
            if event.isInvalidate { return .invalidated }
            if let change = try watched.change(event) { deliver(ObservedChange(change, changedAt: event.changedAt)) }
        } catch {
            logger.warning(
                "change event skipped: document cannot be read",
                metadata: [
                    MongoLogKey.operation: "\(raw["operationType"]?.stringValue ?? "-")",
                    MongoLogKey.error: "\((error as? BSONError)?.message ?? "\(type(of: error))")",
                ])
        }
        return .handled
    }

    private func open(on client: MongoClient, after token: BSONDocument?) throws -> MongoChangeStream {
        try MongoChangeStream(
            client: client, database: database, collection: watched.name, operationTypes: watched.operationTypes,
            resumeAfter: token)
    }

    private func lostPosition() {
        logger.warning("change stream restarted from now: changes may be missing")
        deliver(ObservedChange(.positionLost(collection: watched.name), changedAt: nil))
    }

    private func logFailure(_ message: Logger.Message, _ error: any Error) {
        let mongo = error as? MongoError
        logger.warning(
            message,
            metadata: [
                MongoLogKey.code: "\(mongo.map { "\($0.code)" } ?? "\(type(of: error))")",
                MongoLogKey.serverCode: "\(mongo?.serverCode.map(String.init) ?? "-")",
            ])
    }

    /// Sleeps `duration` in short steps, returning early once stopping.
    private func pause(_ duration: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now + duration
        while !isStopping, clock.now < deadline {
            let step = min(deadline - clock.now, Self.sleepStep)
            let microseconds = step.components.seconds * 1_000_000 + step.components.attoseconds / 1_000_000_000_000
            usleep(UInt32(clamping: max(0, microseconds)))
        }
    }
}
