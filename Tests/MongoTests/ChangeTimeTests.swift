import BSON
import Foundation
import Testing

@testable import Mongo

/// When a change happened (`ChangeTime`): the earliest time the event or the document names.
struct ChangeTimeTests {
    let written = Date(timeIntervalSince1970: 1_800_000_000)
    var read: Date { written.addingTimeInterval(2) }

    @Test func nxReadTimesLoseToTheDocumentsCreationStampOnAnInsert() throws {
        let event: BSONDocument = [
            "operationType": "insert", "wallTime": .date(read), "clusterTime": .date(read),
            "documentKey": ["_id": "s:000001"],
            "fullDocument": ["_id": "s:000001", "created_at": ["$date": "2027-01-15T08:00:00.000000"]],
        ]
        #expect(try ChangeEvent(event).changedAt == Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func anUpdateUsesUpdatedAtOrTheTasksTimesNeverCreatedAt() throws {
        let old = written.addingTimeInterval(-3_600)
        let session: BSONDocument = [
            "operationType": "update", "wallTime": .date(read), "documentKey": ["_id": "a"],
            "fullDocument": ["_id": "a", "created_at": .date(old), "updated_at": .date(written)],
        ]
        #expect(try ChangeEvent(session).changedAt == written)
        let task: BSONDocument = [
            "operationType": "update", "documentKey": ["_id": "t"],
            "fullDocument": ["_id": "t", "created_at": .date(old), "times": ["updated_at": .date(written)]],
        ]
        #expect(try ChangeEvent(task).changedAt == written)
        let user: BSONDocument = [
            "operationType": "update", "wallTime": .date(read), "documentKey": ["_id": "u"],
            "fullDocument": ["_id": "u", "created_at": .date(old)],
        ]
        #expect(try ChangeEvent(user).changedAt == read)
    }

    @Test func aDateWrittenWithSetOnNxIsReadFromItsText() throws {
        let event: BSONDocument = [
            "operationType": "update", "documentKey": ["_id": "live"],
            "fullDocument": ["_id": "live", "updated_at": "2027-01-15 08:00:00.250000"],
        ]
        #expect(try ChangeEvent(event).changedAt == Date(timeIntervalSince1970: 1_800_000_000.25))
    }

    @Test func nothingNamedMeansNoTime() throws {
        let event: BSONDocument = ["operationType": "invalidate"]
        #expect(try ChangeEvent(event).changedAt == nil)
    }
}
