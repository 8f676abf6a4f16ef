internal import BSON
internal import Domain
internal import Foundation

/// A `tasks` document as stored, and its conversions. Fields (snake_case): _id ObjectId, user_id ObjectId,
/// kind, status, progress {done, total, message}, input, checkpoint, result, error {code, message},
/// attempts, lease {owner, expires_at} | null, cancel_requested, created_at,
/// times {updated_at, finished_at, expires_at}. `status` may also be "admitting" (internal: created,
/// bound not yet checked).
///
/// Dates that change are written inside whole sub-documents (`lease`, `times`), never as a direct
/// `$set` value: nx-27017 stores a date given directly to an update operator as a string, which would
/// break the lease and sweep comparisons. Standard MongoDB treats both forms alike. Likewise it stores a
/// bool given to `$set` as 1, so `cancel_requested` is read with `flag(_:)`.
enum TaskDocument {
    static let admitting = "admitting"

    static func document(_ task: NewTask, id: ObjectID, user: ObjectID) -> BSONDocument {
        BSONDocument([
            ("_id", .objectID(id)), ("user_id", .objectID(user)), ("kind", .string(task.kind.rawValue)),
            ("status", .string(admitting)), ("progress", progress(task.progress)), ("input", bson(task.input)),
            ("checkpoint", .null), ("result", .null), ("error", .null), ("attempts", 0), ("lease", .null),
            ("cancel_requested", false), ("created_at", .date(task.createdAt)), ("times", active(at: task.createdAt)),
        ])
    }

    /// `times` of an active task.
    static func active(at now: Date) -> BSONValue {
        ["updated_at": .date(now), "finished_at": .null, "expires_at": .null]
    }

    /// `lease` held by `owner` until `expiresAt`.
    static func lease(_ owner: RunnerID, until expiresAt: Date) -> BSONValue {
        ["owner": .string(owner.rawValue), "expires_at": .date(expiresAt)]
    }

    static func progress(_ progress: TaskProgress) -> BSONValue {
        [
            "done": .int64(Int64(progress.done)), "total": .int64(Int64(progress.total)),
            "message": .string(progress.message),
        ]
    }

    static func failure(_ failure: TaskFailure) -> BSONValue {
        ["code": .string(failure.code.rawValue), "message": .string(failure.message)]
    }

    static func record(_ document: BSONDocument) throws -> TaskRecord {
        func field(_ key: String) throws -> BSONValue {
            guard let value = document[key] else { throw corrupt("missing \(key)") }
            return value
        }
        guard case .objectID(let id) = try field("_id"), case .objectID(let user) = try field("user_id"),
            let kind = try field("kind").stringValue, let rawStatus = try field("status").stringValue,
            case .date(let createdAt) = try field("created_at"), let times = document["times"],
            case .date(let updatedAt) = times["updated_at"]
        else { throw corrupt("bad identity fields in \(document.debugDescription)") }
        // An admitting task is reported as queued: only its creator can see it, for a moment.
        guard let status = rawStatus == admitting ? .queued : TaskStatus(rawValue: rawStatus) else {
            throw corrupt("unknown status \(rawStatus)")
        }
        let progress = try field("progress")
        return TaskRecord(
            id: TaskID(id.hex), userID: UserID(user.hex), kind: TaskKind(kind), status: status,
            progress: TaskProgress(
                done: Int(progress["done"]?.int64Value ?? 0), total: Int(progress["total"]?.int64Value ?? 0),
                message: progress["message"]?.stringValue ?? ""),
            input: json(document["input"] ?? .null), checkpoint: json(document["checkpoint"] ?? .null),
            result: optional(document["result"]).map(json), error: optional(document["error"]).map(failure),
            attempts: Int(document["attempts"]?.int64Value ?? 0), lease: lease(document["lease"]),
            cancelRequested: flag(document["cancel_requested"]), createdAt: createdAt, updatedAt: updatedAt,
            finishedAt: date(times["finished_at"]), expiresAt: date(times["expires_at"]))
    }

    /// A stored boolean: true, or a nonzero integer (nx-27017's form of `$set: {field: true}`).
    static func flag(_ value: BSONValue?) -> Bool {
        if case .bool(let flag) = value { return flag }
        return (value?.int64Value ?? 0) != 0
    }

    private static func optional(_ value: BSONValue?) -> BSONValue? {
        guard let value, value != .null else { return nil }
        return value
    }

    private static func date(_ value: BSONValue?) -> Date? {
        if case .date(let date) = value { date } else { nil }
    }

    private static func failure(_ value: BSONValue) -> TaskFailure {
        TaskFailure(
            TaskFailure.Code(value["code"]?.stringValue ?? "internal"), value["message"]?.stringValue ?? "")
    }

    private static func lease(_ value: BSONValue?) -> TaskLease? {
        guard let value = optional(value), let owner = value["owner"]?.stringValue,
            let expiresAt = date(value["expires_at"])
        else { return nil }
        return TaskLease(owner: RunnerID(owner), expiresAt: expiresAt)
    }

    /// JSON → BSON for the executor-owned fields (input, checkpoint, result). Keys are the executor's own.
    static func bson(_ value: JSONValue) -> BSONValue {
        switch value {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let value): .double(value)
        case .string(let value): .string(value)
        case .array(let values): .array(values.map(bson))
        case .object(let members): .document(members.map { ($0.0, bson($0.1)) })
        }
    }

    static func json(_ value: BSONValue) -> JSONValue {
        switch value {
        case .null, .binary, .objectID: .null
        case .bool(let value): .bool(value)
        case .double(let value): .number(value)
        case .int32(let value): .number(Double(value))
        case .int64(let value): .number(Double(value))
        case .string(let value): .string(value)
        case .date(let value): .number(value.timeIntervalSince1970)
        case .array(let values): .array(values.map(json))
        case .document(let members): .object(members.map { ($0.0, json($0.1)) })
        }
    }

    private static func corrupt(_ detail: String) -> BSONError {
        BSONError(.typeMismatch, "A stored task is invalid.", detail: detail)
    }
}
