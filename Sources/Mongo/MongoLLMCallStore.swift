internal import BSON
public import Domain

/// `LLMCallStore` over `llm_calls`, keyed by request hash. Thread-safe: every call borrows its own client.
public struct MongoLLMCallStore: LLMCallStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func call(hash: String) throws -> LLMCallRecord? {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.llmCalls)
                    .findOne(["_id": .string(hash)], as: LLMCallDocument.self)?.record
            }
        }
    }

    /// The first answer stored under a hash stays: a racing identical call's answer is dropped.
    public func record(_ record: LLMCallRecord) throws {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                do {
                    try client.database(database).collection(MongoCollectionName.llmCalls)
                        .insertOne(encoding: LLMCallDocument(record))
                } catch let error as MongoError where error.code == .duplicateKey {
                    return
                }
            }
        }
    }
}
