internal import BSON
internal import Domain
internal import Foundation

/// A `session_commands` document as stored: `{_id, session_id, kind, text | null, persona_id | null,
/// created_at, done}`. `done` is written false here and set by `markDone`; nx-27017 stores that `$set`
/// as 1, so pending commands are found with `done: false` (which matches neither true nor 1) and `done`
/// reads as true from either form.
struct SessionCommandDocument: Codable {
    var id: ObjectID
    var sessionID: ObjectID
    var kind: String
    var text: String?
    var personaID: String?
    var createdAt: Date
    var done: Bool

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case sessionID = "session_id"
        case kind, text, done
        case personaID = "persona_id"
        case createdAt = "created_at"
    }

    init(_ command: SessionCommand, id: ObjectID, session: ObjectID) {
        self.id = id
        sessionID = session
        kind = command.kind.rawValue
        text = command.text
        personaID = command.personaID?.rawValue
        createdAt = command.createdAt.millisecondPrecision
        done = false
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ObjectID.self, forKey: .id)
        sessionID = try container.decode(ObjectID.self, forKey: .sessionID)
        kind = try container.decode(String.self, forKey: .kind)
        text = try container.decodeIfPresent(String.self, forKey: .text)
        personaID = try container.decodeIfPresent(String.self, forKey: .personaID)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        if let flag = try? container.decode(Bool.self, forKey: .done) {
            done = flag
        } else {
            done = try container.decode(Int64.self, forKey: .done) != 0  // nx-27017's form of a `$set` true
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(sessionID, forKey: .sessionID)
        try container.encode(kind, forKey: .kind)
        try container.encode(text, forKey: .text)
        try container.encode(personaID, forKey: .personaID)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(done, forKey: .done)
    }

    func command() throws -> SessionCommand {
        guard let kind = SessionCommand.Kind(rawValue: kind) else {
            throw BSONError(.typeMismatch, "A stored command is invalid.", detail: "command \(id.hex): kind \(kind)")
        }
        return SessionCommand(
            id: id.hex, sessionID: SessionID(sessionID.hex), kind: kind, text: text,
            personaID: personaID.map(PersonaID.init), createdAt: createdAt)
    }
}
