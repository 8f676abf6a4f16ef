/// How far a task has come: `done` of `total` steps (total 0 = not known yet) and a short message for the user.
public struct TaskProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    public var message: String

    public init(done: Int = 0, total: Int = 0, message: String = "") {
        self.done = done
        self.total = total
        self.message = message
    }

    public static let queued = TaskProgress(message: "Waiting for a runner")
}
