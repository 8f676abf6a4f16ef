public import Foundation

/// Writes a ZIP archive as a stream: each entry is deflated as it is written, and its CRC and sizes follow
/// it in a data descriptor, so nothing but the current compressor's buffer is held. The bytes go to
/// `output` as they are made. No ZIP64: an archive stays under 4 GiB.
public final class ZipWriter {
    private struct Entry {
        let name: [UInt8]
        let offset: UInt32
        var crc: UInt32 = 0
        var compressed: UInt32 = 0
        var size: UInt32 = 0
    }

    /// Bit 3: sizes in a data descriptor; bit 11: UTF-8 names.
    private static let flags: UInt16 = 0x0808
    private static let deflated: UInt16 = 8
    private static let version: UInt16 = 20

    private let output: ([UInt8]) throws -> Void
    private let time: UInt16
    private let date: UInt16
    private var entries: [Entry] = []
    private var current: (entry: Entry, deflater: Deflater)?
    private var offset = 0
    private var finished = false

    public init(modified: Date, output: @escaping ([UInt8]) throws -> Void) {
        self.output = output
        (time, date) = Self.dosTime(modified)
    }

    public func beginEntry(_ path: String) throws {
        guard current == nil, !finished else { throw ZipError(.misuse, "An entry is already open.") }
        let name = Array(path.utf8)
        let entry = Entry(name: name, offset: try Self.narrow(offset))
        var header = ByteWriter()
        header.u32(0x0403_4b50)
        header.u16(Self.version)
        header.u16(Self.flags)
        header.u16(Self.deflated)
        header.u16(time)
        header.u16(date)
        header.u32(0)
        header.u32(0)
        header.u32(0)
        header.u16(UInt16(clamping: name.count))
        header.u16(0)
        header.bytes += name
        try emit(header.bytes)
        current = (entry, try Deflater())
    }

    public func write(_ bytes: [UInt8]) throws {
        guard let current else { throw ZipError(.misuse, "No entry is open.") }
        try current.deflater.compress(bytes, emit: emit)
    }

    public func endEntry() throws {
        guard let (opened, deflater) = current else { throw ZipError(.misuse, "No entry is open.") }
        var entry = opened
        try deflater.finish(emit: emit)
        entry.crc = deflater.crc
        entry.compressed = try Self.narrow(deflater.outputCount)
        entry.size = try Self.narrow(deflater.inputCount)
        var descriptor = ByteWriter()
        descriptor.u32(0x0807_4b50)
        descriptor.u32(entry.crc)
        descriptor.u32(entry.compressed)
        descriptor.u32(entry.size)
        try emit(descriptor.bytes)
        entries.append(entry)
        current = nil
    }

    /// Writes the central directory; the archive is complete after this.
    public func finish() throws {
        guard current == nil, !finished else { throw ZipError(.misuse, "An entry is still open.") }
        let start = try Self.narrow(offset)
        var directory = ByteWriter()
        for entry in entries {
            directory.u32(0x0201_4b50)
            directory.u16(Self.version)
            directory.u16(Self.version)
            directory.u16(Self.flags)
            directory.u16(Self.deflated)
            directory.u16(time)
            directory.u16(date)
            directory.u32(entry.crc)
            directory.u32(entry.compressed)
            directory.u32(entry.size)
            directory.u16(UInt16(clamping: entry.name.count))
            directory.u16(0)
            directory.u16(0)
            directory.u16(0)
            directory.u16(0)
            directory.u32(0)
            directory.u32(entry.offset)
            directory.bytes += entry.name
        }
        let size = try Self.narrow(directory.bytes.count)
        directory.u32(0x0605_4b50)
        directory.u16(0)
        directory.u16(0)
        directory.u16(UInt16(clamping: entries.count))
        directory.u16(UInt16(clamping: entries.count))
        directory.u32(size)
        directory.u32(start)
        directory.u16(0)
        try emit(directory.bytes)
        finished = true
    }

    private func emit(_ bytes: [UInt8]) throws {
        offset += bytes.count
        try output(bytes)
    }

    private static func narrow(_ value: Int) throws -> UInt32 {
        guard let narrow = UInt32(exactly: value) else {
            throw ZipError(.tooLarge, "The archive is too large.", detail: "\(value) bytes")
        }
        return narrow
    }

    /// MS-DOS time and date (UTC), as ZIP headers store them.
    private static func dosTime(_ date: Date) -> (UInt16, UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max(1980, min(2107, parts.year ?? 1980))
        let time = ((parts.hour ?? 0) << 11) | ((parts.minute ?? 0) << 5) | ((parts.second ?? 0) / 2)
        let day = ((year - 1980) << 9) | ((parts.month ?? 1) << 5) | (parts.day ?? 1)
        return (UInt16(truncatingIfNeeded: time), UInt16(truncatingIfNeeded: day))
    }
}

@available(*, unavailable)
extension ZipWriter: Sendable {}

/// Little-endian fields of ZIP headers.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
