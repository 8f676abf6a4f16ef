internal import BSON
internal import Foundation

/// When a change happened, for `cohorta_ws_delivery_lag_seconds` (docs/scaling.md, "Measuring delivery lag"):
/// the earliest of the times the event and the changed document name.
///
/// - `wallTime` (MongoDB 6.0+): the server's clock when the write committed, to the millisecond.
/// - `clusterTime` when it is a date. MongoDB sends a BSON timestamp (whole seconds), which `BSONValue`
///   does not read and `wallTime` already covers; nx-27017 sends a date.
/// - The stored document's own stamp: `updated_at` (or `times.updated_at`, tasks), or `created_at` on an
///   insert. It is the writer's clock just before the write, so it also counts the write's own latency.
///
/// nx-27017 stamps `wallTime` and `clusterTime` when the stream is *read*, not when the document was
/// written, so there the document's stamp is the earliest and wins (a document without one, a user or a
/// command marked done, is dated at the read). nil when nothing names a time.
enum ChangeTime {
    static func of(event: BSONDocument, operationType: String, document: BSONDocument?) -> Date? {
        var candidates = [date(event["wallTime"]), date(event["clusterTime"])]
        if let document {
            candidates.append(date(document["updated_at"]) ?? date(document["times"]?["updated_at"]))
            if operationType == "insert" { candidates.append(date(document["created_at"])) }
        }
        return candidates.compactMap { $0 }.min()
    }

    /// A BSON date, or nx-27017's text form of one (a date written with `$set`).
    private static func date(_ value: BSONValue?) -> Date? {
        switch value {
        case .date(let date): date
        case .string(let text): NXStoredDate.date(text)
        default: nil
        }
    }
}
