/// CGI spelling → HTTP spelling of a header name: `X_REQUEST_ID` → `X-Request-Id`.
enum CGIHeaderName {
    /// Words split at `_` (empty ones dropped), each capitalised, joined with `-`. nginx's names are ASCII and
    /// take the byte path; any other name gets the same rule with Unicode case mapping.
    static func httpName(_ cgiName: String) -> String {
        guard cgiName.utf8.allSatisfy({ $0 < 0x80 }) else {
            return cgiName.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
                .joined(separator: "-")
        }
        let source = cgiName.utf8
        return String(unsafeUninitializedCapacity: source.count) { buffer in
            var count = 0
            var wordStart = true
            for byte in source {
                if byte == UInt8(ascii: "_") {
                    wordStart = true
                    continue
                }
                if wordStart, count > 0 {
                    buffer[count] = UInt8(ascii: "-")
                    count += 1
                }
                buffer[count] = wordStart ? uppercase(byte) : lowercase(byte)
                count += 1
                wordStart = false
            }
            return count
        }
    }

    private static func uppercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte & ~0x20 : byte
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
