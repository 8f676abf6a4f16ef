public import Domain
import Foundation

/// The public JSON shape of a task: {id, kind, status, progress {done, total, message}, result, error
/// {code, message}, attempts, cancel_requested, created_at, updated_at, finished_at}.
public struct TaskRepresentation: Encodable, Sendable {
    struct Progress: Encodable {
        let done: Int
        let total: Int
        let message: String
    }

    struct Failure: Encodable {
        let code: String
        let message: String
    }

    let id: String
    let kind: String
    let status: String
    let progress: Progress
    let result: JSONValue?
    let error: Failure?
    let attempts: Int
    let cancelRequested: Bool
    let createdAt: Date
    let updatedAt: Date
    let finishedAt: Date?

    public init(_ task: TaskRecord) {
        id = task.id.rawValue
        kind = task.kind.rawValue
        status = task.status.rawValue
        progress = Progress(done: task.progress.done, total: task.progress.total, message: task.progress.message)
        result = task.result
        error = task.error.map { Failure(code: $0.code.rawValue, message: $0.message) }
        attempts = task.attempts
        cancelRequested = task.cancelRequested
        createdAt = task.createdAt
        updatedAt = task.updatedAt
        finishedAt = task.finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, status, progress, result, error, attempts
        case cancelRequested = "cancel_requested"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case finishedAt = "finished_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(status, forKey: .status)
        try container.encode(progress, forKey: .progress)
        try container.encode(result ?? .null, forKey: .result)
        try container.encode(error, forKey: .error)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(cancelRequested, forKey: .cancelRequested)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
    }
}
