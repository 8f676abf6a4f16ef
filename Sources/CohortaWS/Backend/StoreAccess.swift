import Domain
import WebSocketServer

/// Runs `LiveStore` work off the service thread and hands the result back on it.
protocol StoreAccess {
    /// Service thread. `then` runs later on the service thread (at once with `unavailable` when the
    /// workers are saturated).
    func perform<Value: Sendable>(
        _ work: @escaping @Sendable (any LiveStore) throws -> Value, then: @escaping (Result<Value, any Error>) -> Void)
}

/// Production: DB worker threads do the work; the lws service handle brings the result back.
struct WorkerStoreAccess: StoreAccess {
    let store: any LiveStore
    let workers: BlockingWorkers
    let service: ServiceHandleSlot

    func perform<Value: Sendable>(
        _ work: @escaping @Sendable (any LiveStore) throws -> Value, then: @escaping (Result<Value, any Error>) -> Void
    ) {
        let callback = ServiceThreadBound(then)
        let store = self.store
        let service = self.service
        let submitted = workers.submit {
            let result = Result { try work(store) }
            service.execute { callback.value(result) }
        }
        if !submitted { then(.failure(Self.saturated)) }
    }

    static let saturated = DomainError.unavailable(detail: "DB workers saturated")
}
