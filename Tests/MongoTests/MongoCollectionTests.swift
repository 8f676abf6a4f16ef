import BSON
import Domain
import Foundation
import Mongo
import Testing

@Suite(.nxServer)
struct MongoCollectionTests {
    @Test func insertFindUpdateCountAndDeleteRoundTrip() throws {
        let fixture = try MongoFixture()
        try fixture.withDatabase { database in
            let items = database.collection("items")
            for n in 1...5 {
                try items.insertOne(["_id": .int64(Int64(n)), "n": .int64(Int64(n)), "even": .bool(n % 2 == 0)])
            }
            let three = try #require(try items.findOne(["n": 3], projection: ["n": 1]))
            #expect(three["n"]?.int64Value == 3)
            #expect(three["even"] == nil)
            let page = try items.find(["even": false], sort: ["n": -1], skip: 1, limit: 1)
            #expect(page.map { $0["n"]?.int64Value } == [3])
            #expect(try items.count(["even": true]) == 2)

            let updated = try items.updateOne(["n": 2], ["$set": ["label": "two"]])
            #expect(updated.matched == 1 && updated.modified == 1 && updated.upsertedID == nil)
            let missing = try items.updateOne(["n": 99], ["$set": ["label": "x"]])
            #expect(missing.matched == 0)
            let upserted = try items.updateOne(["_id": 42], ["$set": ["n": 42]], upsert: true)
            #expect(upserted.upsertedID?.int64Value == 42)
            #expect(try items.findOne(["_id": 42])?["n"]?.int64Value == 42)

            #expect(try items.deleteOne(["n": 1]) == 1)
            #expect(try items.deleteMany(["even": true]) == 2)
            #expect(try items.count() == 3)
        }
    }

    /// nx-27017 hands small int64s back as int32 (a server quirk); the decoder accepts either exactly.
    @Test func typedHelpersRoundTripThroughTheServer() throws {
        struct Row: Codable, Equatable {
            var _id: ObjectID
            var amount: Int64
            var at: Date
        }
        let fixture = try MongoFixture()
        let row = Row(_id: ObjectID(), amount: 7, at: Date(timeIntervalSince1970: 1_700_000_000.5))
        try fixture.withDatabase { database in
            let rows = database.collection("rows")
            try rows.insertOne(encoding: row)
            #expect(try rows.findOne(["_id": .objectID(row._id)], as: Row.self) == row)
            #expect(try rows.find(BSONDocument(), as: Row.self) == [row])
        }
    }

    @Test func duplicateKeyIsTranslated() throws {
        let fixture = try MongoFixture()
        try fixture.withDatabase { database in
            let users = database.collection("users")
            try users.insertOne(["email": "a@example.com"])
            let error = try #require(throws: MongoError.self) { try users.insertOne(["email": "a@example.com"]) }
            #expect(error.code == .duplicateKey)
            #expect(error.serverCode == 11000)
            #expect(!error.message.contains("a@example.com"))
        }
    }

    @Test func findOneAndUpdateGteGuardRefusesOverdraft() throws {
        let fixture = try MongoFixture()
        try fixture.withDatabase { database in
            let accounts = database.collection("accounts")
            try accounts.insertOne(["_id": "a", "credits": 10])
            var balances: [Int64?] = []
            for _ in 0..<3 {
                let after = try accounts.findOneAndUpdate(
                    ["_id": "a", "credits": ["$gte": 4]], ["$inc": ["credits": -4]], returnNew: true)
                balances.append(after?["credits"]?.int64Value)
            }
            #expect(balances == [6, 2, nil])
            let before = try accounts.findOneAndUpdate(["_id": "a"], ["$inc": ["credits": 1]], returnNew: false)
            #expect(before?["credits"]?.int64Value == 2)
            let created = try accounts.findOneAndUpdate(["_id": "b"], ["$inc": ["credits": 1]], upsert: true)
            #expect(created?["credits"]?.int64Value == 1)
        }
    }

    @Test func pingAnswersAndHealthProbePasses() throws {
        let fixture = try MongoFixture()
        try fixture.withDatabase { try $0.ping() }
        try MongoHealthProbe(pool: fixture.pool, database: fixture.database).ping()
    }
}

struct MongoConnectionErrorTests {
    @Test func badURIThrowsInvalidURI() {
        for uri in ["http://localhost", "mongodb://", "not a uri"] {
            let error = #expect(throws: MongoError.self) { try MongoClientPool(uri: uri, appName: "t", maxSize: 2) }
            #expect(error?.code == .invalidURI)
        }
    }

    @Test func unreachableServerIsServerSelectionAndHealthIsUnavailable() throws {
        let port = try NXServer.freePort()
        let pool = try MongoClientPool(
            uri: "mongodb://127.0.0.1:\(port)/?directConnection=true&serverSelectionTimeoutMS=200", appName: "t",
            maxSize: 2)
        let error = try #require(throws: MongoError.self) { try pool.withClient { try $0.database("x").ping() } }
        #expect(error.code.isUnreachable)
        let unavailable = try #require(throws: DomainError.self) {
            try MongoHealthProbe(pool: pool, database: "x").ping()
        }
        #expect(unavailable.code == .unavailable)
        let storeError = try #require(throws: DomainError.self) {
            try MongoSettingsStore(pool: pool, database: "x").appSettings()
        }
        #expect(storeError.code == .unavailable)
    }
}
