import Domain
import Foundation
import HTTPCore
import Representations

/// The public JSON shape of a persona. Only these fields ever leave the server.
struct PersonaRepresentation: Encodable {
    struct Psychographics: Encodable {
        let values: [String]
        let motivations: [String]
        let frustrations: [String]
        let interests: [String]
    }

    struct Behaviours: Encodable {
        let shopping: [String]
        let media: [String]
        let technology: [String]
    }

    struct Origin: Encodable {
        let source: String
        let rows: [Int]
    }

    typealias Avatar = AvatarRepresentation

    struct Generation: Encodable {
        let taskID: String?
        let brief: String?

        enum CodingKeys: String, CodingKey {
            case taskID = "task_id"
            case brief
        }
    }

    let id: String
    let name: String
    let age: Int
    let gender: String
    let location: String
    let occupation: String
    let incomeBand: String
    let attitude: String
    let bio: String
    let quote: String
    let psychographics: Psychographics
    let behaviours: Behaviours
    let provenance: [String: Origin]
    let folderID: Nullable<String>
    let avatar: Avatar
    let generation: Generation
    let createdAt: Date
    let updatedAt: Date

    init(_ persona: Persona) {
        let profile = persona.profile
        id = persona.id.rawValue
        name = profile.name
        age = profile.age
        gender = profile.gender.rawValue
        location = profile.location
        occupation = profile.occupation
        incomeBand = profile.incomeBand.rawValue
        attitude = profile.attitude.rawValue
        bio = profile.bio
        quote = profile.quote
        let psycho = profile.psychographics
        psychographics = Psychographics(
            values: psycho.values, motivations: psycho.motivations, frustrations: psycho.frustrations,
            interests: psycho.interests)
        behaviours = Behaviours(
            shopping: profile.behaviours.shopping, media: profile.behaviours.media,
            technology: profile.behaviours.technology)
        provenance = profile.provenance.origins.mapValues { Origin(source: $0.source.rawValue, rows: $0.rows) }
        folderID = Nullable(persona.folderID?.rawValue)
        let avatar = persona.avatar
        self.avatar = Avatar(seed: avatar.seed, initials: avatar.initials, hue: avatar.hue)
        generation = Generation(taskID: persona.generation.taskID, brief: persona.generation.brief)
        createdAt = persona.createdAt
        updatedAt = persona.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, age, gender, location, occupation, attitude, bio, quote, psychographics, behaviours
        case provenance, avatar, generation
        case incomeBand = "income_band"
        case folderID = "folder_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// An optional that is written as JSON `null` instead of being left out (`folder_id`, `parent_id`).
struct Nullable<Value: Encodable>: Encodable {
    let value: Value?

    init(_ value: Value?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// Strict request bodies: the persona and folder routes refuse fields they do not declare, so a client
/// can never set an id, owner, timestamp or provenance by adding a key.
extension Decoder {
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        try rejectUnknownKeys(allowing: Keys.allCases.map(\.stringValue))
    }

    func rejectUnknownKeys(allowing names: [String]) throws {
        let known = Set(names)
        let unknown = try container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
            .filter { !known.contains($0) }.sorted()
        guard let first = unknown.first else { return }
        let field = (codingPath.map(\.stringValue) + [first]).joined(separator: ".")
        throw DomainError.invalid(field, "\(field) is not an accepted field.")
    }
}

/// Any JSON object key, for listing the keys a body sent.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int? = nil

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer {
    /// A value the client may leave out; sent as `null` it is an error (there is nothing to clear).
    func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        contains(key) ? try decode(T.self, forKey: key) : nil
    }

    /// One of an enumeration's raw values, or a field error listing them.
    func choice<T: RawRepresentable<String> & CaseIterable>(_ type: T.Type, _ key: Key) throws -> T {
        let raw = try decode(String.self, forKey: key)
        guard let value = T(rawValue: raw) else {
            let field = (codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            throw DomainError.invalid(
                field, "\(field) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return value
    }

    func optionalChoice<T: RawRepresentable<String> & CaseIterable>(_ type: T.Type, _ key: Key) throws -> T? {
        contains(key) ? try choice(T.self, key) : nil
    }

    /// A whole number (a fraction or a string is a field error on this key).
    func integer(_ key: Key) throws -> Int { Int(clamping: try decode(JSONInteger.self, forKey: key).value) }
}
