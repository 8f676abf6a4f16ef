internal import BSON
internal import Foundation

/// Undoes what nx-27017 (development and tests) does to a change event's `fullDocument`: it passes the
/// document through JSON, so every ObjectId arrives as `{"__neosqlite_objectid__": true, "id": "<hex>"}`,
/// every date as `{"$date": "<ISO text>"}` and binary data as `{"__neosqlite_binary__": true, "data":
/// "<base64>", "subtype": n}`. MongoDB sends the stored types, and a stored document never holds those
/// shapes (`BSONEncoder` refuses `$` keys), so the repair changes nothing there.
enum NXDocumentRepair {
    static func repaired(_ value: BSONValue) -> BSONValue {
        switch value {
        case .document(let members):
            if let original = original(of: members) { return original }
            return .document(members.map { ($0.0, repaired($0.1)) })
        case .array(let items):
            return .array(items.map(repaired))
        default:
            return value
        }
    }

    /// The value nx-27017 turned into `members`, or nil when they are an ordinary sub-document.
    private static func original(of members: [(String, BSONValue)]) -> BSONValue? {
        let value = BSONValue.document(members)
        if members.count == 1, let text = value["$date"]?.stringValue {
            return NXStoredDate.date(text).map(BSONValue.date)
        }
        if members.count == 2, isMarked(value["__neosqlite_objectid__"]), let hex = value["id"]?.stringValue {
            return ObjectID(hex: hex).map(BSONValue.objectID)
        }
        if members.count == 3, isMarked(value["__neosqlite_binary__"]), let text = value["data"]?.stringValue {
            return Data(base64Encoded: text).map { .binary([UInt8]($0)) }
        }
        return nil
    }

    private static func isMarked(_ value: BSONValue?) -> Bool {
        value == .bool(true) || value?.int64Value == 1
    }
}
