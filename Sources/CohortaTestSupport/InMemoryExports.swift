public import Domain
public import Foundation
import Synchronization

/// `ExportStore` in memory, the reference behaviour `MongoExportStore` must match. Ids are sequential
/// 24-digit hex.
public final class InMemoryExports: ExportStore {
    private struct State {
        var exports: [ExportID: ExportRecord] = [:]
        var chunks: [ExportID: [Int: [UInt8]]] = [:]
        var nextID = 1
    }

    private let state = Mutex(State())  // guards exports, chunks and nextID

    public init() {}

    /// How many chunks the export has stored (tests of chunking).
    public func storedChunks(of id: ExportID) -> Int { state.withLock { $0.chunks[id]?.count ?? 0 } }

    /// Moves an export's expiry (tests of expired links).
    public func expire(_ id: ExportID, at date: Date) {
        state.withLock { state in
            guard let export = state.exports[id] else { return }
            state.exports[id] = ExportRecord(
                id: export.id, ownerID: export.ownerID, kind: export.kind, format: export.format, status: export.status,
                filename: export.filename, sizeBytes: export.sizeBytes, chunkCount: export.chunkCount,
                taskID: export.taskID, failure: export.failure, createdAt: export.createdAt, expiresAt: date)
        }
    }

    public func insert(_ new: NewExport) throws -> ExportRecord {
        state.withLock { state in
            let record = ExportRecord(
                id: ExportID(String(format: "%024x", state.nextID)), ownerID: new.ownerID, kind: new.kind,
                format: new.format, status: .pending, filename: new.filename, sizeBytes: nil, chunkCount: nil,
                taskID: nil, failure: nil, createdAt: new.createdAt, expiresAt: new.expiresAt)
            state.nextID += 1
            state.exports[record.id] = record
            return record
        }
    }

    public func attach(_ task: TaskID, to id: ExportID) throws {
        state.withLock { $0.exports[id]?.taskID = task }
    }

    public func delete(_ id: ExportID) throws {
        state.withLock { state in
            state.exports[id] = nil
            state.chunks[id] = nil
        }
    }

    public func export(id: ExportID, owner: UserID) throws -> ExportRecord? {
        state.withLock { state in state.exports[id].flatMap { $0.ownerID == owner ? $0 : nil } }
    }

    public func exports(of owner: UserID, unexpiredAt now: Date, limit: Int) throws -> [ExportRecord] {
        state.withLock { state in
            Array(
                state.exports.values.filter { $0.ownerID == owner && !$0.isExpired(at: now) }
                    .sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) }.prefix(limit))
        }
    }

    public func appendChunk(_ bytes: [UInt8], number: Int, of id: ExportID, expiresAt: Date) throws {
        state.withLock { $0.chunks[id, default: [:]][number] = bytes }
    }

    public func discardChunks(of id: ExportID) throws {
        state.withLock { $0.chunks[id] = nil }
    }

    public func chunk(_ number: Int, of id: ExportID) throws -> [UInt8]? {
        state.withLock { $0.chunks[id]?[number] }
    }

    public func markReady(_ id: ExportID, sizeBytes: Int, chunkCount: Int) throws {
        state.withLock { state in
            state.exports[id]?.status = .ready
            state.exports[id]?.sizeBytes = sizeBytes
            state.exports[id]?.chunkCount = chunkCount
        }
    }

    public func markFailed(_ id: ExportID, reason: String) throws {
        state.withLock { state in
            state.exports[id]?.status = .failed
            state.exports[id]?.failure = reason
        }
    }
}
