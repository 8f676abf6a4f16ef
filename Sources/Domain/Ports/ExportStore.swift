public import Foundation

/// Export records and their bytes, stored as numbered chunks of at most `ExportChunker.chunkSize` bytes.
/// Reads by owner treat another user's export as missing. Thread-safe and synchronous.
public protocol ExportStore: Sendable {
    /// Stores a pending export under a new id.
    func insert(_ new: NewExport) throws -> ExportRecord
    /// Records the task rendering the export.
    func attach(_ task: TaskID, to id: ExportID) throws
    /// Removes an export and its chunks (its task could not be started).
    func delete(_ id: ExportID) throws
    func export(id: ExportID, owner: UserID) throws -> ExportRecord?
    /// The owner's exports not expired at `now`, newest first, at most `limit`.
    func exports(of owner: UserID, unexpiredAt now: Date, limit: Int) throws -> [ExportRecord]

    /// Stores chunk `number` (0-based) of the export's bytes; a chunk stored again replaces the first.
    func appendChunk(_ bytes: [UInt8], number: Int, of id: ExportID, expiresAt: Date) throws
    /// Drops every chunk (a resumed rendering starts over).
    func discardChunks(of id: ExportID) throws
    func chunk(_ number: Int, of id: ExportID) throws -> [UInt8]?

    func markReady(_ id: ExportID, sizeBytes: Int, chunkCount: Int) throws
    func markFailed(_ id: ExportID, reason: String) throws
}
