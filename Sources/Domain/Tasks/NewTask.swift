public import Foundation

/// A task to create: queued, owned by `userID`, with the executor's `input`.
public struct NewTask: Sendable, Equatable {
    public let userID: UserID
    public let kind: TaskKind
    public let input: JSONValue
    public let progress: TaskProgress
    public let createdAt: Date

    public init(userID: UserID, kind: TaskKind, input: JSONValue, progress: TaskProgress = .queued, createdAt: Date) {
        self.userID = userID
        self.kind = kind
        self.input = input
        self.progress = progress
        self.createdAt = createdAt
    }
}
