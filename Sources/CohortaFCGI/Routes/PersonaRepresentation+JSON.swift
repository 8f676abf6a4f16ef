import Foundation
import HTTPCore
import Representations

/// The list page's JSON without `JSONEncoder`: the same bytes (keys in byte order, `generation` members
/// left out when nil), checked against the `Encodable` form in PersonaRepresentationJSONTests.
extension PersonaRepresentation: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.member("age", age)
            json.member("attitude", attitude)
            json.object("avatar") { json in
                json.member("hue", avatar.hue)
                json.member("initials", avatar.initials)
                json.member("seed", avatar.seed)
            }
            json.object("behaviours") { json in
                json.member("media", behaviours.media)
                json.member("shopping", behaviours.shopping)
                json.member("technology", behaviours.technology)
            }
            json.member("bio", bio)
            json.member("created_at", createdAt)
            json.key("folder_id")
            if let folder = folderID.value { json.string(folder) } else { json.null() }
            json.member("gender", gender)
            json.object("generation") { json in
                if let brief = generation.brief { json.member("brief", brief) }
                if let task = generation.taskID { json.member("task_id", task) }
            }
            json.member("id", id)
            json.member("income_band", incomeBand)
            json.member("location", location)
            json.member("name", name)
            json.member("occupation", occupation)
            json.object("provenance") { json in
                for (field, origin) in provenance.sorted(by: { $0.key < $1.key }) {
                    json.object(field) { json in
                        json.key("rows")
                        json.array { json in
                            for row in origin.rows { json.integer(row) }
                        }
                        json.member("source", origin.source)
                    }
                }
            }
            json.object("psychographics") { json in
                json.member("frustrations", psychographics.frustrations)
                json.member("interests", psychographics.interests)
                json.member("motivations", psychographics.motivations)
                json.member("values", psychographics.values)
            }
            json.member("quote", quote)
            json.member("updated_at", updatedAt)
        }
    }
}

/// Free for every paged route whose items write themselves.
extension PageRepresentation: JSONWritable where Item: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("items")
            json.array { json in
                for item in items { item.write(to: &json) }
            }
            json.member("page", page)
            json.member("per_page", perPage)
            json.member("total", total)
        }
    }
}
