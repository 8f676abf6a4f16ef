import BSON
import Domain
import Foundation
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoExportStoreTests {
    let fixture: MongoFixture
    let exports: MongoExportStore
    let ada = UserID(ObjectID().hex)
    let bob = UserID(ObjectID().hex)
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        fixture = try MongoFixture()
        exports = MongoExportStore(pool: fixture.pool, database: fixture.database)
    }

    private func new(_ owner: UserID, at date: Date) -> NewExport {
        NewExport(
            ownerID: owner, kind: .session, format: .docx, filename: "cohorta-session-x-20270115.docx",
            createdAt: date, expiresAt: date.addingTimeInterval(86_400))
    }

    @Test func anExportIsReadBackByItsOwnerOnlyThroughItsLife() throws {
        let created = try exports.insert(new(ada, at: start))
        #expect(created.status == .pending && created.sizeBytes == nil && created.taskID == nil)
        try exports.attach(TaskID("0000000000000000000000t1"), to: created.id)
        #expect(try exports.export(id: created.id, owner: bob) == nil)
        #expect(try exports.export(id: ExportID("garbage"), owner: ada) == nil)
        try exports.markReady(created.id, sizeBytes: 300_000, chunkCount: 2)
        var expected = created
        expected.status = .ready
        expected.sizeBytes = 300_000
        expected.chunkCount = 2
        expected.taskID = TaskID("0000000000000000000000t1")
        #expect(try exports.export(id: created.id, owner: ada) == expected)
        try exports.markFailed(created.id, reason: "No such session.")
        #expect(try exports.export(id: created.id, owner: ada)?.failure == "No such session.")
    }

    @Test func binaryChunksRoundTripByteForByteAndAreReplacedOnRetry() throws {
        let created = try exports.insert(new(ada, at: start))
        var generator = SystemRandomNumberGenerator()
        let first = (0..<ExportChunker.chunkSize).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try exports.appendChunk(first, number: 0, of: created.id, expiresAt: created.expiresAt)
        try exports.appendChunk([0, 1, 2], number: 1, of: created.id, expiresAt: created.expiresAt)
        #expect(try exports.chunk(0, of: created.id) == first)
        try exports.appendChunk([9], number: 1, of: created.id, expiresAt: created.expiresAt)
        #expect(try exports.chunk(1, of: created.id) == [9])
        try exports.discardChunks(of: created.id)
        #expect(try exports.chunk(0, of: created.id) == nil)
    }

    @Test func theListIsNewestFirstAndLeavesOutExpiredOnes() throws {
        let old = try exports.insert(new(ada, at: start))
        let newer = try exports.insert(new(ada, at: start.addingTimeInterval(60)))
        _ = try exports.insert(new(bob, at: start))
        #expect(try exports.exports(of: ada, unexpiredAt: start, limit: 50).map(\.id) == [newer.id, old.id])
        #expect(
            try exports.exports(of: ada, unexpiredAt: start.addingTimeInterval(86_430), limit: 50).map(\.id) == [
                newer.id
            ])
        try exports.delete(newer.id)
        #expect(try exports.export(id: newer.id, owner: ada) == nil)
    }
}
