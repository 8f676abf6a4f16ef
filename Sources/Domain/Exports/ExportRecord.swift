public import Foundation

/// One export file: what was asked, where its rendering is, and until when it can be downloaded. Its
/// bytes live apart, in numbered chunks (`ExportStore.chunk`).
public struct ExportRecord: Sendable, Equatable {
    public let id: ExportID
    public let ownerID: UserID
    public let kind: ExportKind
    public let format: ExportFormat
    public var status: ExportStatus
    public let filename: String
    /// Known once ready.
    public var sizeBytes: Int?
    /// How many chunks hold the bytes, once ready.
    public var chunkCount: Int?
    public var taskID: TaskID?
    /// Why rendering failed, safe to show the owner.
    public var failure: String?
    public let createdAt: Date
    public let expiresAt: Date

    public init(
        id: ExportID, ownerID: UserID, kind: ExportKind, format: ExportFormat, status: ExportStatus,
        filename: String, sizeBytes: Int?, chunkCount: Int?, taskID: TaskID?, failure: String?, createdAt: Date,
        expiresAt: Date
    ) {
        self.id = id
        self.ownerID = ownerID
        self.kind = kind
        self.format = format
        self.status = status
        self.filename = filename
        self.sizeBytes = sizeBytes
        self.chunkCount = chunkCount
        self.taskID = taskID
        self.failure = failure
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    public var contentType: String { format.contentType }

    public func isExpired(at now: Date) -> Bool { now >= expiresAt }
}

/// What a store needs to create an export (pending, no task yet); the store assigns the id.
public struct NewExport: Sendable, Equatable {
    public let ownerID: UserID
    public let kind: ExportKind
    public let format: ExportFormat
    public let filename: String
    public let createdAt: Date
    public let expiresAt: Date

    public init(
        ownerID: UserID, kind: ExportKind, format: ExportFormat, filename: String, createdAt: Date, expiresAt: Date
    ) {
        self.ownerID = ownerID
        self.kind = kind
        self.format = format
        self.filename = filename
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
