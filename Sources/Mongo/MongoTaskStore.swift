internal import BSON
public import Domain
public import Foundation

/// `TaskStore` over `tasks` (fields in `TaskDocument`). Thread-safe: every call borrows its own client.
///
/// - **Claim** is atomic without transactions: read the oldest few claimable ids of the runner's kinds
///   (sorted by `created_at`), then take one with a `findOneAndUpdate` whose filter repeats the claimable
///   condition (`queued`, or `running` with `lease.expires_at <= now`). Two runners racing for one task:
///   the second update matches nothing and it moves to the next candidate, so a task has one owner.
/// - **Lease-guarded writes** (renew, progress, finish, release) filter on `status: running` and
///   `lease.owner`, so a runner that lost its lease writes nothing.
/// - **Per-user bound** (`create`, in `MongoTaskStore+Admission.swift`): insert-then-count, never over
///   the bound at any concurrency, without a lock document.
public struct MongoTaskStore: TaskStore {
    let pool: MongoClientPool
    let database: String
    /// How many claimable ids one claim reads before racing for them.
    private static let claimCandidates = 8

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func claim(kinds: [TaskKind], owner: RunnerID, at now: Date, leaseUntil: Date) throws -> TaskRecord? {
        guard !kinds.isEmpty else { return nil }
        let claimable = Self.claimable(at: now)
        let update: BSONDocument = [
            "$set": [
                "status": .string(TaskStatus.running.rawValue),
                "lease": TaskDocument.lease(owner, until: leaseUntil), "times": TaskDocument.active(at: now),
            ],
            "$inc": ["attempts": 1],
        ]
        return try withTasks { tasks in
            let candidates = try tasks.find(
                ["kind": ["$in": .array(kinds.map { .string($0.rawValue) })], "$or": claimable],
                projection: ["_id": 1], sort: ["created_at": 1, "_id": 1], limit: Self.claimCandidates)
            for candidate in candidates {
                guard let id = candidate["_id"] else { continue }
                if let claimed = try tasks.findOneAndUpdate(["_id": id, "$or": claimable], update) {
                    return try TaskDocument.record(claimed)
                }
            }
            return nil
        }
    }

    public func renewLease(_ id: TaskID, owner: RunnerID, until leaseUntil: Date, at now: Date) throws -> LeaseRenewal {
        guard let filter = Self.held(id, by: owner) else { return .lost }
        let update: BSONDocument = [
            "$set": ["lease": TaskDocument.lease(owner, until: leaseUntil), "times": TaskDocument.active(at: now)]
        ]
        return try withTasks { tasks in
            guard let renewed = try tasks.findOneAndUpdate(filter, update) else { return .lost }
            return .renewed(cancelRequested: TaskDocument.flag(renewed["cancel_requested"]))
        }
    }

    public func saveProgress(
        _ id: TaskID, owner: RunnerID, progress: TaskProgress, checkpoint: JSONValue?, at now: Date
    ) throws -> Bool {
        var fields: [(String, BSONValue)] = [
            ("progress", TaskDocument.progress(progress)), ("times", TaskDocument.active(at: now)),
        ]
        if let checkpoint { fields.append(("checkpoint", TaskDocument.bson(checkpoint))) }
        return try updateHeld(id, by: owner, ["$set": .document(fields)])
    }

    public func finish(
        _ id: TaskID, owner: RunnerID, outcome: TaskOutcome, at now: Date, expiresAt: Date
    ) throws -> Bool {
        try updateHeld(id, by: owner, ["$set": .document(Self.ending(outcome, at: now, expiresAt: expiresAt))])
    }

    public func release(_ id: TaskID, owner: RunnerID, at now: Date) throws -> Bool {
        try updateHeld(
            id, by: owner,
            [
                "$set": [
                    "status": .string(TaskStatus.queued.rawValue), "lease": .null,
                    "times": TaskDocument.active(at: now),
                ],
                "$inc": ["attempts": -1],
            ])
    }

    public func requestCancel(_ id: TaskID, of user: UserID, at now: Date, expiresAt: Date) throws -> TaskRecord {
        guard let owned = Self.owned(id, by: user) else { throw Self.notFound }
        let cancelQueued: [(String, BSONValue)] =
            [("cancel_requested", true)] + Self.ending(.cancelled, at: now, expiresAt: expiresAt)
        return try withTasks { tasks in
            if let cancelled = try tasks.findOneAndUpdate(
                BSONDocument(owned + [("status", .string(TaskStatus.queued.rawValue))]),
                ["$set": .document(cancelQueued)])
            {
                return try TaskDocument.record(cancelled)
            }
            if let flagged = try tasks.findOneAndUpdate(
                BSONDocument(owned + [("status", .string(TaskStatus.running.rawValue))]),
                ["$set": ["cancel_requested": true, "times": TaskDocument.active(at: now)]])
            {
                return try TaskDocument.record(flagged)
            }
            guard let current = try tasks.findOne(BSONDocument(owned)) else { throw Self.notFound }
            let task = try TaskDocument.record(current)
            guard task.status.isActive else { throw DomainError(.conflict, "This task has already finished.") }
            return task
        }
    }

    public func isCancelRequested(_ id: TaskID) throws -> Bool {
        guard let objectID = ObjectID(hex: id.rawValue) else { return false }
        return try withTasks { tasks in
            TaskDocument.flag(
                try tasks.findOne(["_id": .objectID(objectID)], projection: ["cancel_requested": 1])?[
                    "cancel_requested"])
        }
    }

    public func task(_ id: TaskID, of user: UserID) throws -> TaskRecord? {
        guard let owned = Self.owned(id, by: user) else { return nil }
        return try withTasks { tasks in try tasks.findOne(BSONDocument(owned)).map(TaskDocument.record) }
    }

    public func tasks(of user: UserID, page: PageRequest) throws -> Page<TaskRecord> {
        guard let userID = ObjectID(hex: user.rawValue) else { return Page(items: [], request: page, total: 0) }
        let filter: BSONDocument = ["user_id": ["$in": [.objectID(userID)]]]
        return try withTasks { tasks in
            let items = try tasks.find(
                filter, sort: ["created_at": -1, "_id": -1], skip: page.offset, limit: page.perPage)
            // Counted from ids: nx-27017's count cannot match ObjectId values.
            let total = try tasks.find(filter, projection: ["_id": 1]).count
            return Page(items: try items.map(TaskDocument.record), request: page, total: total)
        }
    }

    public func sweep(at now: Date) throws -> Int {
        let finished = BSONValue.array(TaskStatus.allCases.filter(\.isFinished).map { .string($0.rawValue) })
        return try withTasks { tasks in
            // Admissions whose creator died between insert and decision hold a slot: drop them after a minute.
            try tasks.deleteMany([
                "status": .string(TaskDocument.admitting), "created_at": ["$lte": .date(now.addingTimeInterval(-60))],
            ])
            return try tasks.deleteMany(["status": ["$in": finished], "times.expires_at": ["$lte": .date(now)]])
        }
    }

    /// Claims (status, kind, age), the owner's list, and the sweep.
    static func ensureIndexes(_ tasks: MongoCollection) throws {
        try tasks.createIndex(["status": 1, "kind": 1, "created_at": 1])
        try tasks.createIndex(["user_id": 1, "created_at": -1])
        try tasks.createIndex(["times.expires_at": 1])
    }

    // MARK: - Filters and helpers

    /// `TaskRecord.isClaimable` as a filter clause (the value of `$or`).
    private static func claimable(at now: Date) -> BSONValue {
        [
            ["status": .string(TaskStatus.queued.rawValue)],
            ["status": .string(TaskStatus.running.rawValue), "lease.expires_at": ["$lte": .date(now)]],
        ]
    }

    /// `TaskRecord.isHeld(by:)` as a filter.
    private static func held(_ id: TaskID, by owner: RunnerID) -> BSONDocument? {
        guard let objectID = ObjectID(hex: id.rawValue) else { return nil }
        return [
            "_id": .objectID(objectID), "status": .string(TaskStatus.running.rawValue),
            "lease.owner": .string(owner.rawValue),
        ]
    }

    /// The task if `user` owns it; references use a one-element `$in` (nx-27017, docs/design.md).
    static func owned(_ id: TaskID, by user: UserID) -> [(String, BSONValue)]? {
        guard let objectID = ObjectID(hex: id.rawValue), let userID = ObjectID(hex: user.rawValue) else { return nil }
        return [("_id", .objectID(objectID)), ("user_id", ["$in": [.objectID(userID)]])]
    }

    /// The fields `TaskRecord.finish` sets.
    private static func ending(_ outcome: TaskOutcome, at now: Date, expiresAt: Date) -> [(String, BSONValue)] {
        var fields: [(String, BSONValue)] = [
            ("status", .string(outcome.status.rawValue)), ("lease", .null),
            ("times", ["updated_at": .date(now), "finished_at": .date(now), "expires_at": .date(expiresAt)]),
        ]
        switch outcome {
        case .succeeded(let value): fields.append(("result", TaskDocument.bson(value)))
        case .failed(let failure): fields.append(("error", TaskDocument.failure(failure)))
        case .cancelled: fields.append(("error", TaskDocument.failure(.cancelled)))
        }
        return fields
    }

    private static let notFound = DomainError(.notFound, "No such task.")

    private func updateHeld(_ id: TaskID, by owner: RunnerID, _ update: BSONDocument) throws -> Bool {
        guard let filter = Self.held(id, by: owner) else { return false }
        return try withTasks { tasks in try tasks.updateOne(filter, update).matched == 1 }
    }

    func withTasks<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in try body(client.database(database).collection(MongoCollectionName.tasks)) }
        }
    }
}
