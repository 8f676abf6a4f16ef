/// The owner's view of exports: one, the recent list, and the download (ready, unexpired, streamed
/// chunk by chunk). Another user's export is a 404, like a missing one.
public struct ExportLookup: Sendable {
    public static let listLimit = 50

    private let exports: any ExportStore
    private let clock: any Clock

    public init(exports: any ExportStore, clock: any Clock) {
        self.exports = exports
        self.clock = clock
    }

    public func callAsFunction(_ id: ExportID, by user: UserID) throws -> ExportRecord {
        guard let export = try exports.export(id: id, owner: user) else {
            throw DomainError(.notFound, "No such export.")
        }
        return export
    }

    /// The owner's last 50 unexpired exports, newest first.
    public func recent(of user: UserID) throws -> [ExportRecord] {
        try exports.exports(of: user, unexpiredAt: clock.now, limit: Self.listLimit)
    }

    /// The export if it can be downloaded now: 410 `export_expired` past its expiry, 409 `not_ready` while
    /// it is rendered (or when rendering failed).
    public func downloadable(_ id: ExportID, by user: UserID) throws -> ExportRecord {
        let export = try self(id, by: user)
        if export.isExpired(at: clock.now) {
            throw DomainError(.exportExpired, "This export has expired; export again to download it.")
        }
        guard export.status == .ready, export.sizeBytes != nil, export.chunkCount != nil else {
            throw DomainError(
                .notReady,
                export.status == .failed
                    ? "This export failed; export again." : "This export is still being prepared.")
        }
        return export
    }

    /// Hands the export's bytes to `emit` a chunk at a time, never the whole file at once.
    public func stream(_ export: ExportRecord, into emit: ([UInt8]) throws -> Void) throws {
        for number in 0..<(export.chunkCount ?? 0) {
            guard let bytes = try exports.chunk(number, of: export.id) else {
                throw DomainError(.notFound, "This export is no longer stored.", detail: "chunk \(number) missing")
            }
            try emit(bytes)
        }
    }
}
