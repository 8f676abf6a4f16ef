extension StimulusImage.MediaType {
    /// The largest image a stimulus may be: 5 MiB.
    public static let maximumBytes = 5 * 1024 * 1024

    /// The type the bytes really are, read from their magic numbers; nil for anything but PNG, JPEG or WebP.
    /// A client's `Content-Type` is only believed when it agrees with this.
    public init?(sniffing bytes: [UInt8]) {
        func starts(with prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<(offset + prefix.count)]) == prefix
        }
        if starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts(with: Array("RIFF".utf8)), starts(with: Array("WEBP".utf8), at: 8) {
            self = .webp
        } else {
            return nil
        }
    }

}
