public import Foundation

/// A `ByteSink` that stores what it is given as the export's numbered chunks, never holding more than one
/// chunk in memory. `finish()` stores the remainder and tells the size.
public final class ExportChunker: ByteSink {
    /// 255 KiB: well inside MongoDB's 16 MiB document limit, like GridFS's default.
    public static let chunkSize = 255 * 1024

    private let store: any ExportStore
    private let export: ExportID
    private let expiresAt: Date
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    public private(set) var chunkCount = 0
    public private(set) var sizeBytes = 0

    public init(store: any ExportStore, export: ExportID, expiresAt: Date, chunkSize: Int = ExportChunker.chunkSize) {
        precondition(chunkSize > 0, "chunks hold at least one byte")
        self.store = store
        self.export = export
        self.expiresAt = expiresAt
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize)
    }

    public func write(_ bytes: [UInt8]) throws {
        sizeBytes += bytes.count
        var rest = bytes[...]
        while !rest.isEmpty {
            let room = chunkSize - buffer.count
            buffer.append(contentsOf: rest.prefix(room))
            rest = rest.dropFirst(room)
            if buffer.count == chunkSize { try flush() }
        }
    }

    /// Stores what is left; call once, after the last write.
    public func finish() throws {
        if !buffer.isEmpty { try flush() }
    }

    private func flush() throws {
        try store.appendChunk(buffer, number: chunkCount, of: export, expiresAt: expiresAt)
        chunkCount += 1
        buffer.removeAll(keepingCapacity: true)
    }
}

@available(*, unavailable)
extension ExportChunker: Sendable {}
