internal import BSON
internal import Foundation

/// One change-stream event, reduced to what the feed maps: the operation, the changed document's `_id`
/// (from `documentKey`), the whole document after the change, repaired for nx-27017, and when the
/// change happened (`ChangeTime`).
struct ChangeEvent {
    let operationType: String
    /// `documentKey._id`; nil for events without one (invalidate, drop).
    let documentID: BSONValue?
    /// nil for deletes, and for updates whose document was gone by the time of the lookup.
    let fullDocument: BSONDocument?
    /// nil when neither the event nor the document names a time.
    let changedAt: Date?

    init(_ event: BSONDocument) throws {
        operationType = event["operationType"]?.stringValue ?? ""
        let documentID = event["documentKey"]?["_id"]
        self.documentID = documentID
        fullDocument = try event.document(forKey: "fullDocument").map { stored in
            // The repaired `_id` is the stored one. `documentKey` is not always: nx-27017 reports a string
            // `_id` of 24 hex digits there as an ObjectId. It stands in only when the document lacks `_id`.
            var members = try stored.elements.map { ($0.key, NXDocumentRepair.repaired($0.value)) }
            if let documentID, !members.contains(where: { $0.0 == "_id" }) {
                members.insert(("_id", documentID), at: 0)
            }
            return BSONDocument(members)
        }
        changedAt = ChangeTime.of(event: event, operationType: operationType, document: fullDocument)
    }

    var isInvalidate: Bool { operationType == "invalidate" }

    /// The full document, required by every mapping; throws when the event has none.
    func document() throws -> BSONDocument {
        guard let fullDocument else {
            throw BSONError(.missingValue, "A change event has no document.", detail: "operationType \(operationType)")
        }
        return fullDocument
    }
}
