import Foundation

/// An image a user message shows a vision-capable model. The request hash and `llm_calls` keep only its
/// digest (`ChatMessage.recordedJSON`); the bytes go to the provider alone.
public struct ChatImage: Sendable, Hashable, Codable {
    /// "image/png", "image/jpeg" or "image/webp".
    public let mediaType: String
    /// The picture; empty in a record read back from `llm_calls`, which keeps only the digest.
    public let bytes: [UInt8]
    /// Lowercase hex SHA-256 of the bytes.
    public let sha256: String

    public init(mediaType: String, bytes: [UInt8], digest: any Digest) throws {
        self.mediaType = mediaType
        self.bytes = bytes
        sha256 = try digest.sha256Hex(bytes)
    }

    /// The image as a `data:` URL, as OpenAI-compatible APIs take an inline image.
    public var dataURL: String { "data:\(mediaType);base64,\(Data(bytes).base64EncodedString())" }

    enum CodingKeys: String, CodingKey {
        case mediaType = "media_type"
        case sha256
    }

    /// Stored as `{media_type, sha256}`: never the bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mediaType, forKey: .mediaType)
        try container.encode(sha256, forKey: .sha256)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mediaType = try container.decode(String.self, forKey: .mediaType)
        sha256 = try container.decode(String.self, forKey: .sha256)
        bytes = []
    }
}
