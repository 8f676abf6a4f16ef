/// Reads the top-level type bytes straight from raw BSON, independently of libbson, so the tests check
/// what actually lands on the wire.
enum RawBSON {
    static func typeBytes(_ bytes: [UInt8]) -> [String: UInt8] {
        var types: [String: UInt8] = [:]
        var offset = 4
        while offset < bytes.count - 1 {
            let type = bytes[offset]
            offset += 1
            guard let end = bytes[offset...].firstIndex(of: 0) else { return types }
            let key = String(decoding: bytes[offset..<end], as: UTF8.self)
            offset = end + 1
            types[key] = type
            offset += valueLength(type: type, at: offset, in: bytes)
        }
        return types
    }

    private static func int32(at offset: Int, in bytes: [UInt8]) -> Int {
        (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }

    private static func valueLength(type: UInt8, at offset: Int, in bytes: [UInt8]) -> Int {
        switch type {
        case 0x01, 0x09, 0x12: 8
        case 0x02: 4 + int32(at: offset, in: bytes)
        case 0x03, 0x04: int32(at: offset, in: bytes)
        case 0x05: 5 + int32(at: offset, in: bytes)
        case 0x07: 12
        case 0x08: 1
        case 0x0A: 0
        case 0x10: 4
        default: bytes.count
        }
    }
}
