/// Writes a label set (`a="x",b="y"`) into a segment slot's fixed buffer, escaping `\`, `"` and newlines as
/// the exposition format requires. No allocation: the buffer lives on the caller's stack.
public struct LabelWriter: ~Copyable {
    private let buffer: UnsafeMutableRawBufferPointer
    private(set) var count = 0
    /// Set when the labels did not fit; the sample is then dropped (and counted).
    private(set) var overflowed = false

    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    public mutating func label(_ name: StaticString, _ value: String) {
        if count > 0 { append(UInt8(ascii: ",")) }
        name.withUTF8Buffer { for byte in $0 { append(byte) } }
        append(UInt8(ascii: "="))
        append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""):
                append(UInt8(ascii: "\\"))
                append(byte)
            case UInt8(ascii: "\n"):
                append(UInt8(ascii: "\\"))
                append(UInt8(ascii: "n"))
            default: append(byte)
            }
        }
        append(UInt8(ascii: "\""))
    }

    public mutating func label(_ name: StaticString, _ value: Int) { label(name, String(value)) }

    private mutating func append(_ byte: UInt8) {
        guard count < buffer.count else {
            overflowed = true
            return
        }
        buffer[count] = byte
        count += 1
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[0..<count]) }
}
