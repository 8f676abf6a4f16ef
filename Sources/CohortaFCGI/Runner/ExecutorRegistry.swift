import Domain

/// The executors one runner process offers, by kind; it claims only tasks of these kinds.
struct ExecutorRegistry: Sendable {
    private let executors: [TaskKind: any TaskExecutor]

    /// Two executors for one kind is a programmer error.
    init(_ executors: [any TaskExecutor]) {
        var byKind: [TaskKind: any TaskExecutor] = [:]
        for executor in executors {
            precondition(byKind[executor.kind] == nil, "two executors for task kind \(executor.kind)")
            byKind[executor.kind] = executor
        }
        self.executors = byKind
    }

    var kinds: [TaskKind] { executors.keys.sorted { $0.rawValue < $1.rawValue } }

    func executor(for kind: TaskKind) -> (any TaskExecutor)? { executors[kind] }
}
