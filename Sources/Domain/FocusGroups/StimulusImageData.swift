/// An uploaded image: its bytes and the media type they were sniffed as (never the client's word alone).
public struct StimulusImageData: Sendable, Hashable {
    /// Why an upload is refused: the transport answers 415 and 413 for these.
    public enum Rejection: Error, Sendable, Equatable {
        /// Not PNG, JPEG or WebP, or not the type the client declared.
        case unsupportedType
        case tooLarge(limit: Int)
    }

    public let mediaType: StimulusImage.MediaType
    public let bytes: [UInt8]

    public init(mediaType: StimulusImage.MediaType, bytes: [UInt8]) {
        self.mediaType = mediaType
        self.bytes = bytes
    }

    /// An upload whose declared type (`Content-Type`) must be what the bytes' magic numbers say, at most
    /// `StimulusImage.MediaType.maximumBytes` long.
    public init(upload bytes: [UInt8], declared: StimulusImage.MediaType?) throws(Rejection) {
        guard bytes.count <= StimulusImage.MediaType.maximumBytes else {
            throw .tooLarge(limit: StimulusImage.MediaType.maximumBytes)
        }
        guard let declared, StimulusImage.MediaType(sniffing: bytes) == declared else { throw .unsupportedType }
        self.init(mediaType: declared, bytes: bytes)
    }
}
