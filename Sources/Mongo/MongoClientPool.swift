internal import CMongoc

/// Owns a `mongoc_client_pool_t` (destroyed in deinit). Create it after `fork`, one per worker process,
/// with `maxSize` at least the number of threads that borrow clients.
///
/// `@unchecked Sendable`: libmongoc's pool is thread-safe (pop and push take its internal mutex) and
/// `pool` never changes after init. Clients themselves are not: each is lent to one thread inside
/// `withClient` and never escapes it.
public final class MongoClientPool: @unchecked Sendable {
    private let pool: OpaquePointer

    /// Throws `.invalidURI` for a connection string libmongoc cannot parse; nothing connects yet.
    public init(uri: String, appName: String, maxSize: Int) throws {
        MongoRuntime.initialize()
        var error = bson_error_t()
        guard let parsed = mongoc_uri_new_with_error(uri, &error) else {
            throw MongoError(.invalidURI, detail: String(cString: cmongoc_error_message(&error)))
        }
        defer { mongoc_uri_destroy(parsed) }
        guard mongoc_uri_set_appname(parsed, appName),
            mongoc_uri_set_option_as_int32(parsed, MONGOC_URI_MAXPOOLSIZE, Int32(clamping: max(1, maxSize)))
        else { throw MongoError(.invalidURI, detail: "appname or maxPoolSize rejected") }
        guard let pool = mongoc_client_pool_new_with_error(parsed, &error) else {
            throw MongoError(.invalidURI, detail: String(cString: cmongoc_error_message(&error)))
        }
        let versionSet = mongoc_client_pool_set_error_api(pool, MONGOC_ERROR_API_VERSION_2)
        precondition(versionSet, "error API must be set before the first pop")
        self.pool = pool
    }

    deinit { mongoc_client_pool_destroy(pool) }

    /// Lends a client to `body` on the calling thread; it is pushed back when `body` returns. Blocks
    /// while all `maxSize` clients are lent. Never hold a client across an LLM or payment call.
    public func withClient<R>(_ body: (MongoClient) throws -> R) rethrows -> R {
        guard let raw = mongoc_client_pool_pop(pool) else {
            preconditionFailure("mongoc_client_pool_pop returned NULL")
        }
        let client = MongoClient(raw)
        defer {
            client.returnToPool()
            mongoc_client_pool_push(pool, raw)
        }
        return try body(client)
    }
}
