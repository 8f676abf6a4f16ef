internal import BSON
internal import Domain
internal import Foundation

/// The stored shapes of exports: `exports {_id, user_id, kind, format, status, filename, size_bytes,
/// chunk_count, task_id, failure, created_at, expires_at}` and `export_chunks {_id: "<export id>:<n>",
/// export_id, n, data (binary), expires_at}`. A chunk's `_id` names it, so it is read and replaced by
/// `_id` alone.
enum ExportDocument {
    static func document(_ new: NewExport, id: ObjectID, owner: ObjectID) -> BSONDocument {
        BSONDocument([
            ("_id", .objectID(id)), ("user_id", .objectID(owner)), ("kind", .string(new.kind.rawValue)),
            ("format", .string(new.format.rawValue)), ("status", .string(ExportStatus.pending.rawValue)),
            ("filename", .string(new.filename)), ("size_bytes", .null), ("chunk_count", .null), ("task_id", .null),
            ("failure", .null), ("created_at", .date(new.createdAt.millisecondPrecision)),
            ("expires_at", .date(new.expiresAt.millisecondPrecision)),
        ])
    }

    static func record(_ document: BSONDocument) throws -> ExportRecord {
        guard case .objectID(let id)? = document["_id"], case .objectID(let owner)? = document["user_id"],
            let kind = document["kind"]?.stringValue.flatMap(ExportKind.init(rawValue:)),
            let format = document["format"]?.stringValue.flatMap(ExportFormat.init(rawValue:)),
            let status = document["status"]?.stringValue.flatMap(ExportStatus.init(rawValue:)),
            let filename = document["filename"]?.stringValue, let created = storedDate(document["created_at"]),
            let expires = storedDate(document["expires_at"])
        else { throw BSONError(.typeMismatch, "A stored export is malformed.") }
        return ExportRecord(
            id: ExportID(id.hex), ownerID: UserID(owner.hex), kind: kind, format: format, status: status,
            filename: filename, sizeBytes: document["size_bytes"]?.int64Value.map(Int.init),
            chunkCount: document["chunk_count"]?.int64Value.map(Int.init),
            taskID: document["task_id"]?.stringValue.map(TaskID.init), failure: document["failure"]?.stringValue,
            createdAt: created, expiresAt: expires)
    }

    /// A BSON date, or the string nx-27017 stores for a date written with `$set` (docs/design.md).
    private static func storedDate(_ value: BSONValue?) -> Date? {
        switch value {
        case .date(let date)?: date
        case .string(let text)?: NXStoredDate.date(text)
        default: nil
        }
    }

    static func chunkKey(_ export: ObjectID, _ number: Int) -> String { "\(export.hex):\(number)" }

    static func chunk(_ bytes: [UInt8], number: Int, of export: ObjectID, expiresAt: Date) -> BSONDocument {
        BSONDocument([
            ("_id", .string(chunkKey(export, number))), ("export_id", .objectID(export)),
            ("n", .int64(Int64(number))), ("data", .binary(bytes)),
            ("expires_at", .date(expiresAt.millisecondPrecision)),
        ])
    }
}
