import BSON
import CohortaTestSupport
import Domain
import Foundation
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoLiveActivityStoreTests {
    let fixture: MongoFixture
    let store: MongoLiveActivityStore
    let session = SessionID(ObjectID().hex)
    let persona = PersonaID(ObjectID().hex)
    let poll = GuidePoll(id: "s2p", kind: .ranking, question: "Order these", options: ["A", "B", "C"], samples: 2)

    init() throws {
        fixture = try MongoFixture()
        store = MongoLiveActivityStore(pool: fixture.pool, database: fixture.database)
    }

    func stored() throws -> [BSONDocument] {
        try fixture.withDatabase { try $0.collection("session_live").find([:]) }
    }

    func read() throws -> LiveActivity {
        let document = try #require(try stored().first)
        return try BSONDecoder().decode(LiveActivityDocument.self, from: document).activity()
    }

    @Test func aSessionHasOneRecordWithTheContractsFields() throws {
        let at = SessionFixtures.start.addingTimeInterval(0.25)
        try store.publish(
            LiveActivity(
                sessionID: session,
                kind: .speaking(seq: 7, speaker: .participant(persona), speakerName: "Bea", draft: "Well"),
                updatedAt: at))
        let document = try #require(try stored().first)
        #expect(
            try document.elements.map(\.key) == [
                "_id", "kind", "seq", "speaker", "speaker_name", "draft", "section", "poll", "updated_at",
            ])
        #expect(document["_id"] == .string(session.rawValue))
        #expect(document["kind"] == "speaking")
        #expect(document["seq"]?.int64Value == 7)
        #expect(document["speaker"] == .string("persona:\(persona.rawValue)"))
        #expect(document["section"] == .null)
        #expect(document["poll"] == .null)
        #expect(document["updated_at"] == .date(at))
    }

    @Test func eachPublishOverwritesTheLastAndClearsWhatNoLongerApplies() throws {
        let speaking = LiveActivity(
            sessionID: session, kind: .speaking(seq: 3, speaker: .moderator, speakerName: "Moderator", draft: "So"),
            updatedAt: SessionFixtures.start)
        let polling = LiveActivity(
            sessionID: session, kind: .polling(section: 1, poll: poll),
            updatedAt: SessionFixtures.start.addingTimeInterval(1.5).millisecondPrecision)
        let idle = LiveActivity(sessionID: session, kind: .idle, updatedAt: SessionFixtures.start.addingTimeInterval(2))

        try store.publish(speaking)
        #expect(try read() == speaking)
        try store.publish(polling)
        #expect(try stored().count == 1)
        #expect(try read() == polling)
        let document = try #require(try stored().first)
        #expect(document["draft"] == .null)
        #expect(document["poll"]?["options"] == ["A", "B", "C"])
        try store.publish(idle)
        #expect(try read() == idle)
        #expect(try stored().count == 1)
    }

    @Test func recordsOfDifferentSessionsAreSeparate() throws {
        let other = SessionID(ObjectID().hex)
        for id in [session, other] {
            try store.publish(LiveActivity(sessionID: id, kind: .idle, updatedAt: SessionFixtures.start))
        }
        #expect(Set(try stored().compactMap { $0["_id"]?.stringValue }) == [session.rawValue, other.rawValue])
    }
}
