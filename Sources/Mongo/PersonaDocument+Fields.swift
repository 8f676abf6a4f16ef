internal import BSON
internal import Foundation

/// The stored persona read field by field: what `BSONDecoder` would decode, at a fraction of the cost of its
/// keyed containers (the list page reads 20 at a time). PersonaDocumentFieldsTests holds the two equal.
extension PersonaDocument {
    init(stored document: BSONDocument) throws {
        let fields = try BSONFields(try document.value)
        let profile = try fields.document("profile")
        let psycho = try profile.document("psychographics")
        let behaviours = try profile.document("behaviours")
        let generation = try fields.document("generation")
        self.init(
            id: try fields.objectID("_id"), userID: try fields.objectID("user_id"),
            folderID: try fields.optionalObjectID("folder_id"),
            profile: Profile(
                name: try profile.string("name"), age: try profile.int64("age"), gender: try profile.string("gender"),
                location: try profile.string("location"), occupation: try profile.string("occupation"),
                incomeBand: try profile.string("income_band"), attitude: try profile.string("attitude"),
                bio: try profile.string("bio"), quote: try profile.string("quote"),
                psychographics: Profile.Psychographics(
                    values: try psycho.strings("values"), motivations: try psycho.strings("motivations"),
                    frustrations: try psycho.strings("frustrations"), interests: try psycho.strings("interests")),
                behaviours: Profile.Behaviours(
                    shopping: try behaviours.strings("shopping"), media: try behaviours.strings("media"),
                    technology: try behaviours.strings("technology")),
                provenance: try profile.documents("provenance").map {
                    Profile.Origin(
                        field: try $0.string("field"), source: try $0.string("source"), rows: try $0.int64s("rows"))
                }),
            generation: Generation(
                taskID: try generation.optionalString("task_id"), brief: try generation.optionalString("brief")),
            createdAt: try fields.date("created_at"), updatedAt: try fields.date("updated_at"))
    }
}
