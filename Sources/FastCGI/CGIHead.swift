/// The bytes of a CGI response head, written straight into one buffer. CR and LF inside a name or value
/// become spaces, so a value cannot start a header line of its own.
struct CGIHead {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    /// `name: value\r\n`.
    mutating func append(line name: String, _ value: String) {
        appendCleaned(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        appendCleaned(value)
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The head with its closing blank line.
    consuming func finished() -> [UInt8] {
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private mutating func appendCleaned(_ text: String) {
        for byte in text.utf8 {
            bytes.append(byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") ? UInt8(ascii: " ") : byte)
        }
    }
}
