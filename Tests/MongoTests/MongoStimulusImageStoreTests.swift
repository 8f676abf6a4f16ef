import BSON
import Domain
import Foundation
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoStimulusImageStoreTests {
    let fixture: MongoFixture
    let images: MongoStimulusImageStore
    let ada = UserID(ObjectID().hex)
    let bob = UserID(ObjectID().hex)
    let group = FocusGroupID(ObjectID().hex)
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        fixture = try MongoFixture()
        images = MongoStimulusImageStore(pool: fixture.pool, database: fixture.database)
    }

    @Test func aFiveMebibyteImageRoundTripsByteForByte() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(5 * 1024 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let image = StimulusImageData(mediaType: .webp, bytes: bytes)
        try images.save(image, of: StimulusID("st_000000000001"), in: group, owner: ada, at: start)
        #expect(try images.image(of: StimulusID("st_000000000001"), in: group, owner: ada) == image)
    }

    @Test func onlyTheOwnerReadsOrDeletesAnImage() throws {
        let image = StimulusImageData(mediaType: .png, bytes: [1, 2, 3])
        let stimulus = StimulusID("st_000000000002")
        try images.save(image, of: stimulus, in: group, owner: ada, at: start)
        #expect(try images.image(of: stimulus, in: group, owner: bob) == nil)
        #expect(try images.delete(stimulus, in: group, owner: bob) == false)
        #expect(try images.deleteAll(in: group, owner: bob) == 0)
        #expect(try images.image(of: stimulus, in: FocusGroupID(ObjectID().hex), owner: ada) == nil)
        #expect(try images.image(of: stimulus, in: FocusGroupID("garbage"), owner: ada) == nil)
        #expect(try images.image(of: stimulus, in: group, owner: ada) == image)
        #expect(try images.delete(stimulus, in: group, owner: ada))
        #expect(try images.image(of: stimulus, in: group, owner: ada) == nil)
    }

    @Test func savingAgainReplacesAndDeleteAllClearsOnlyThatGroup() throws {
        let other = FocusGroupID(ObjectID().hex)
        let first = StimulusID("st_000000000003")
        try images.save(StimulusImageData(mediaType: .png, bytes: [1]), of: first, in: group, owner: ada, at: start)
        try images.save(StimulusImageData(mediaType: .jpeg, bytes: [2]), of: first, in: group, owner: ada, at: start)
        try images.save(
            StimulusImageData(mediaType: .png, bytes: [3]), of: StimulusID("st_000000000004"), in: group, owner: ada,
            at: start)
        try images.save(StimulusImageData(mediaType: .png, bytes: [4]), of: first, in: other, owner: ada, at: start)
        #expect(try images.image(of: first, in: group, owner: ada) == StimulusImageData(mediaType: .jpeg, bytes: [2]))
        #expect(try images.deleteAll(in: group, owner: ada) == 2)
        #expect(try images.image(of: first, in: group, owner: ada) == nil)
        #expect(try images.image(of: first, in: other, owner: ada) != nil)
    }
}
