/// FastCGI 1.0 framing, as nginx sends it: BEGIN_REQUEST (responder), PARAMS records, an empty PARAMS,
/// STDIN records, an empty STDIN. Content longer than a record holds is split.
enum FastCGIRecords {
    private static let beginRequest: UInt8 = 1
    private static let params: UInt8 = 4
    private static let stdin: UInt8 = 5

    static func request(params content: [UInt8], stdin body: [UInt8]) -> [UInt8] {
        var bytes = record(beginRequest, [0, 1, 0, 0, 0, 0, 0, 0])
        bytes += stream(params, content)
        bytes += stream(stdin, body)
        return bytes
    }

    /// Name-value pairs: each length in one byte below 128, else four bytes with the top bit set.
    static func pairs(_ parameters: [(String, String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, value) in parameters {
            let name = Array(name.utf8)
            let value = Array(value.utf8)
            bytes += length(name.count) + length(value.count) + name + value
        }
        return bytes
    }

    private static func length(_ count: Int) -> [UInt8] {
        guard count >= 128 else { return [UInt8(count)] }
        return [
            UInt8(truncatingIfNeeded: count >> 24) | 0x80, UInt8(truncatingIfNeeded: count >> 16),
            UInt8(truncatingIfNeeded: count >> 8), UInt8(truncatingIfNeeded: count),
        ]
    }

    private static func stream(_ type: UInt8, _ content: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        var start = 0
        while start < content.count {
            let end = min(start + 65_535, content.count)
            bytes += record(type, Array(content[start..<end]))
            start = end
        }
        return bytes + record(type, [])
    }

    private static func record(_ type: UInt8, _ content: [UInt8]) -> [UInt8] {
        let length = UInt16(content.count)
        return [1, type, 0, 1, UInt8(length >> 8), UInt8(length & 0xFF), 0, 0] + content
    }
}
