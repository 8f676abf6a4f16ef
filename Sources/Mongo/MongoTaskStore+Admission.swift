internal import BSON
public import Domain
internal import Foundation

/// The per-user active-task bound without transactions or a lock document ("insert, then count"):
/// 1. insert the task as `admitting` (never claimed: claims look for `queued`);
/// 2. read the user's admitting, queued and running tasks, ours included;
/// 3. at most `activeLimit` → `$set status: queued`; otherwise delete ours.
/// Each creator reads after its own insert, so of two concurrent creators at least one sees the other:
/// more than `activeLimit` can never be admitted. Creators that see each other may both withdraw; a
/// withdrawal caused only by other admissions in flight retries after a short random pause, so a burst
/// settles. A creator that dies between 1 and 3 leaves an `admitting` task the sweep drops after a minute.
extension MongoTaskStore {
    private static let admissionAttempts = 4

    public func create(_ task: NewTask, activeLimit: Int) throws -> TaskRecord {
        guard let user = ObjectID(hex: task.userID.rawValue) else { throw DomainError(.notFound, "No such user.") }
        return try withTasks { tasks in
            for _ in 0..<Self.admissionAttempts {
                let id = ObjectID()
                let document = TaskDocument.document(task, id: id, user: user)
                try tasks.insertOne(document)
                let statuses = try tasks.find(
                    [
                        "user_id": ["$in": [.objectID(user)]],
                        "status": ["$in": [.string(TaskDocument.admitting), "queued", "running"]],
                    ], projection: ["status": 1]
                ).map { $0["status"]?.stringValue }
                if statuses.count <= activeLimit {
                    try tasks.updateOne(
                        ["_id": .objectID(id), "status": .string(TaskDocument.admitting)],
                        ["$set": ["status": .string(TaskStatus.queued.rawValue)]])
                    return try TaskDocument.record(document)
                }
                try tasks.deleteOne(["_id": .objectID(id)])
                let admitted = statuses.count { $0 != TaskDocument.admitting }
                guard admitted < activeLimit else { break }
                Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.05))
            }
            throw DomainError.tooManyTasks(limit: activeLimit)
        }
    }
}
