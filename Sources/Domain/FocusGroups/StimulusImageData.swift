/// An uploaded image: its bytes and the media type they were sniffed as (never the client's word alone).
public struct StimulusImageData: Sendable, Hashable {
    public let mediaType: StimulusImage.MediaType
    public let bytes: [UInt8]

    public init(mediaType: StimulusImage.MediaType, bytes: [UInt8]) {
        self.mediaType = mediaType
        self.bytes = bytes
    }
}
