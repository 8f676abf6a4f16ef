internal import BSON

/// The indexes the stores rely on. Idempotent: run at startup (or from the admin CLI) before serving.
public enum MongoSchema {
    public static func ensureIndexes(pool: MongoClientPool, database: String) throws {
        try pool.withClient { client in
            let database = client.database(database)
            try database.collection(MongoCollectionName.users).createIndex(["email": 1], unique: true)
            let entries = database.collection(MongoCollectionName.creditTransactions)
            try entries.createIndex(["idempotency_key": 1], unique: true)
            try entries.createIndex(["user_id": 1, "created_at": -1])
            let attempts = database.collection(MongoCollectionName.loginAttempts)
            try attempts.createIndex(["expires_at": 1], expireAfterSeconds: 0)
            try attempts.createIndex(["key": 1])
            try MongoTaskStore.ensureIndexes(database.collection(MongoCollectionName.tasks))
            try MongoSessionStore.ensureIndexes(in: database)
            let personas = database.collection(MongoCollectionName.personas)
            try personas.createIndex(["user_id": 1, "created_at": -1])
            try personas.createIndex(["user_id": 1, "folder_id": 1])
            try database.collection(MongoCollectionName.folders).createIndex(["user_id": 1, "created_at": 1])
            try database.collection(MongoCollectionName.customerDatasets).createIndex(["user_id": 1, "created_at": -1])
            try database.collection(MongoCollectionName.focusGroups).createIndex(["user_id": 1, "created_at": -1])
            try database.collection(MongoCollectionName.stimulusImages).createIndex(["focus_group_id": 1])
            try MongoSchema.ensureLLMCollections(in: database)
            try MongoCheckoutStore.ensureIndexes(in: database)
            try MongoActivityHistory.ensureIndexes(in: database)
            try MongoExportStore.ensureIndexes(in: database)
            try MongoAdminAuditStore.ensureIndexes(in: database)
        }
    }
}
