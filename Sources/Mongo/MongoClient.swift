/// A client lent by `MongoClientPool.withClient`, valid only inside that closure and on its thread.
public final class MongoClient {
    /// The `mongoc_client_t *`, owned by the pool.
    let raw: OpaquePointer
    /// False once the client went back to the pool; a later use is a programmer error.
    private var isLent = true

    init(_ raw: OpaquePointer) { self.raw = raw }

    public func database(_ name: String) -> MongoDatabase {
        MongoDatabase(client: self, name: name)
    }

    func returnToPool() { isLent = false }

    /// The raw client, checked: every operation goes through here.
    var checkedRaw: OpaquePointer {
        precondition(isLent, "MongoClient used outside MongoClientPool.withClient")
        return raw
    }
}

@available(*, unavailable)
extension MongoClient: Sendable {}
