/// `application/x-www-form-urlencoded` exactly as stripe-python sends it (`_api_encode` + `urlencode`):
/// pairs in the given order, nested keys already flattened with brackets (`metadata[pack]`), arrays
/// indexed (`line_items[0][quantity]`), and every byte but `A–Z a–z 0–9 _ . - ~` percent-encoded with
/// uppercase hex, a space as `+` (Python's `quote_plus`), in keys and values alike.
public enum FormEncoding {
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x5F, 0x2E, 0x2D, 0x7E: out.append(byte)
            case 0x20: out.append(0x2B)
            default: out += [0x25, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
