public import Foundation

/// A response body written straight to bytes, for the hot list routes (`GET /api/personas`), where
/// Foundation's `JSONEncoder` cost a quarter of a worker's CPU. It writes exactly what
/// `JSONCoding.encoder()` writes: no whitespace, `/` unescaped, `"` `\` and control characters escaped as
/// Foundation escapes them (`\n`, `\u001f`, …), other text as UTF-8, and dates as whole-second ISO 8601 in
/// UTC. Keys are written in the order the caller gives: callers write them sorted (byte order), as
/// `.sortedKeys` does. Each type's tests compare its bytes with `JSONEncoder`'s.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next member or element follows another in the same container (so needs a comma).
    private var needsComma = false

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: - Containers

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// `"name":{…}` inside an object.
    public mutating func object(_ name: String, _ body: (inout JSONWriter) -> Void) {
        key(name)
        object(body)
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    /// `"key":` inside an object; the value written next belongs to it.
    public mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: - Values

    public mutating func string(_ value: String) {
        separate()
        writeString(value)
        needsComma = true
    }

    public mutating func integer<Integer: BinaryInteger>(_ value: Integer) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// As `JSONEncoder.DateEncodingStrategy.iso8601`: `2026-11-24T20:00:00Z`, fractions of a second dropped.
    public mutating func date(_ value: Date) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        Self.appendISO8601(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    public mutating func strings(_ values: [String]) {
        array { writer in
            for value in values { writer.string(value) }
        }
    }

    /// `"name":"value"` inside an object.
    public mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// `"name":["a","b"]` inside an object.
    public mutating func member(_ name: String, _ values: [String]) {
        key(name)
        strings(values)
    }

    /// `"name":"2026-11-24T20:00:00Z"` inside an object.
    public mutating func member(_ name: String, _ value: Date) {
        key(name)
        date(value)
    }

    /// `"name":3` inside an object.
    public mutating func member(_ name: String, _ value: Int) {
        key(name)
        integer(value)
    }

    // MARK: - Writing

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(open)
        needsComma = false
        body(&self)
        bytes.append(close)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The first instant of the Gregorian calendar (1582-10-15): Foundation writes earlier dates as Julian.
    private static let gregorianStart: Double = -12_219_292_800

    /// Civil date from days since 1970 (Howard Hinnant's algorithm) from 1582-10-15 to the year 9999; outside
    /// them, Foundation's ISO 8601 format style, which `JSONEncoder` uses.
    private static func appendISO8601(_ date: Date, to bytes: inout [UInt8]) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= gregorianStart, seconds < 253_402_300_800 else {
            bytes.append(contentsOf: date.formatted(.iso8601).utf8)
            return
        }
        let whole = Int64(seconds)
        let (days, secondOfDay) = (whole.floorDivided(by: 86_400), whole.floorModulo(86_400))
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3_600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        bytes.append(UInt8(ascii: "Z"))
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int64) -> Int64 {
        self - floorDivided(by: divisor) * divisor
    }
}

/// A response type that writes its own JSON, byte for byte what its `Encodable` conformance gives through
/// `JSONCoding.encoder()`, only cheaper. `HTTPResponse.json` prefers this path.
public protocol JSONWritable: Encodable {
    func write(to writer: inout JSONWriter)
}

extension HTTPResponse {
    /// The body written by `value.write(to:)`, sent as `application/json`.
    public static func json(_ value: some JSONWritable, status: HTTPStatus = .ok, headers: HTTPHeaders = [:])
        -> HTTPResponse
    {
        var writer = JSONWriter()
        value.write(to: &writer)
        return jsonBytes(writer.bytes, status: status, headers: headers)
    }
}
