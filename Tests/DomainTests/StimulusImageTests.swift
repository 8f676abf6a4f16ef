import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct StimulusImageTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x10, 0, 0, 0] + Array("WEBPVP8 ".utf8)

    @Test func theMagicNumbersDecideTheType() {
        #expect(StimulusImage.MediaType(sniffing: Self.png) == .png)
        #expect(StimulusImage.MediaType(sniffing: Self.jpeg) == .jpeg)
        #expect(StimulusImage.MediaType(sniffing: Self.webp) == .webp)
        #expect(StimulusImage.MediaType(sniffing: Array("GIF89a".utf8)) == nil)
        #expect(StimulusImage.MediaType(sniffing: Array("RIFF\0\0\0\0WAVE".utf8)) == nil)
        #expect(StimulusImage.MediaType(sniffing: Array(Self.png.prefix(7))) == nil)
        #expect(StimulusImage.MediaType(sniffing: []) == nil)
    }

    @Test func anUploadMustBeTheTypeItClaims() throws {
        #expect(try StimulusImageData(upload: Self.jpeg, declared: .jpeg).mediaType == .jpeg)
        #expect(throws: StimulusImageData.Rejection.unsupportedType) {
            try StimulusImageData(upload: Self.png, declared: .jpeg)
        }
        #expect(throws: StimulusImageData.Rejection.unsupportedType) {
            try StimulusImageData(upload: Self.png, declared: nil)
        }
        #expect(throws: StimulusImageData.Rejection.unsupportedType) {
            try StimulusImageData(upload: Array("<svg/>".utf8), declared: .png)
        }
    }

    @Test func anUploadIsAtMostFiveMebibytes() throws {
        let limit = 5 * 1024 * 1024
        let fits = Self.png + [UInt8](repeating: 0, count: limit - Self.png.count)
        #expect(try StimulusImageData(upload: fits, declared: .png).bytes.count == limit)
        #expect(throws: StimulusImageData.Rejection.tooLarge(limit: limit)) {
            try StimulusImageData(upload: fits + [0], declared: .png)
        }
    }

    @Test func theDescriptionIsTrimmedAndBounded() {
        #expect(ImageDescription.description(from: .object([("description", .string("  A box. \n"))])) == "A box.")
        #expect(ImageDescription.description(from: .object([("description", .string(" "))])) == nil)
        #expect(ImageDescription.description(from: .object([])) == nil)
        let sentence = String(repeating: "word ", count: 60) + "end. "
        let long = String(repeating: sentence, count: 10)
        let cut = ImageDescription.description(from: .object([("description", .string(long))]))
        #expect(cut.map { $0.count <= ImageDescription.maximumLength && $0.hasSuffix("end.") } == true)
    }

    @Test func settlingMarksTheImageReadyOrFailed() {
        let pending = Stimulus(
            id: StimulusID("st_000000000001"), title: "Box",
            content: .image(StimulusImage(mediaType: .png, byteCount: 3, description: nil, descriptionStatus: .pending))
        )
        let ready = ImageDescription.settled(pending, description: "A box.")
        #expect(
            ready.content
                == .image(
                    StimulusImage(mediaType: .png, byteCount: 3, description: "A box.", descriptionStatus: .ready)))
        let failed = ImageDescription.settled(pending, description: nil)
        #expect(
            failed.content
                == .image(StimulusImage(mediaType: .png, byteCount: 3, description: nil, descriptionStatus: .failed)))
    }

    @Test func randomStimulusIDsHaveTheirShape() {
        let id = StimulusID.random().rawValue
        #expect(id.count == 15 && id.hasPrefix("st_"))
        #expect(id.dropFirst(3).allSatisfy { $0.isHexDigit })
    }
}

@Suite struct ChatImageTests {
    static func image() throws -> ChatImage {
        try ChatImage(mediaType: "image/png", bytes: [1, 2, 3], digest: FixedDigest())
    }

    /// Names every input "sha-of-<count>-bytes".
    struct FixedDigest: Digest {
        func sha256Hex(_ bytes: [UInt8]) throws -> String { "sha-of-\(bytes.count)-bytes" }
    }

    @Test func theProviderGetsTheImageAsADataURLPart() throws {
        let message = ChatMessage(.user, "Describe it.", image: try Self.image())
        #expect(
            message.jsonValue.serialized
                == #"{"role":"user","content":[{"type":"text","text":"Describe it."},{"type":"image_url","image_url":{"url":"data:image/png;base64,AQID"}}]}"#
        )
    }

    @Test func hashesAndRecordsKeepOnlyTheDigest() throws {
        let message = ChatMessage(.user, "Describe it.", image: try Self.image())
        #expect(
            message.recordedJSON.serialized
                == #"{"role":"user","content":[{"type":"text","text":"Describe it."},{"type":"image","media_type":"image/png","sha256":"sha-of-3-bytes"}]}"#
        )
        let text = ChatMessage(.user, "Plain.")
        #expect(text.recordedJSON == text.jsonValue)
        let encoded = try JSONEncoder().encode(message)
        #expect(!String(decoding: encoded, as: UTF8.self).contains("AQID"))
        let decoded = try JSONDecoder().decode(ChatMessage.self, from: encoded)
        #expect(decoded.image?.sha256 == "sha-of-3-bytes" && decoded.image?.bytes == [])
        #expect(decoded.content == "Describe it.")
    }

    @Test func showingAnImageAttachesItToTheLastUserMessage() throws {
        let request = LLMRequest(
            feature: .imageDescription, template: "focus-group/image-description@1",
            messages: [ChatMessage(.system, "Describe."), ChatMessage(.user, "The title: Box")],
            attribution: UsageAttribution(userID: UserID("u")))
        let shown = request.showing(try Self.image())
        #expect(shown.messages[0].image == nil)
        #expect(shown.messages[1].image == (try Self.image()))
        #expect(shown.messages[1].content == "The title: Box")
    }

    @Test func theGatewayHashesTheImageDigestAndRecordsNoBytes() throws {
        func request(_ bytes: [UInt8]) throws -> LLMRequest {
            LLMRequest(
                feature: .imageDescription, template: "focus-group/image-description@1",
                messages: [
                    ChatMessage(.system, "Describe."),
                    ChatMessage(
                        .user, "Box", image: try ChatImage(mediaType: "image/png", bytes: bytes, digest: FixedDigest())),
                ],
                attribution: UsageAttribution(userID: UserID("u")))
        }
        let fixture = GatewayFixture([LLMGatewayTests.answer("One."), LLMGatewayTests.answer("Two.")])
        let three = try fixture.gateway.complete(try request([1, 2, 3]), onDelta: nil)
        let four = try fixture.gateway.complete(try request([1, 2, 3, 4]), onDelta: nil)
        #expect(three.requestHash != four.requestHash)
        #expect(three.requestHash.contains("sha-of-3-bytes") && !three.requestHash.contains("AQID"))
        #expect(fixture.transport.calls.first?.messages[1].image?.bytes == [1, 2, 3])
        let replayed = try fixture.gateway.complete(try request([1, 2, 3]), onDelta: nil)
        #expect(replayed.servedFromReplay && replayed.content == "One.")
    }
}
