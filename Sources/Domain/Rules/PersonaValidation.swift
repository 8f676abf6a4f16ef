import Foundation

/// The limits every stored persona, search and bulk request respects. Field names in errors are the
/// JSON names the client sent (`psychographics.values[2]`).
public enum PersonaValidation {
    public static let ages = 18...100
    public static let maximumNameLength = 80
    public static let maximumShortTextLength = 120
    public static let maximumBioLength = 2_000
    public static let maximumQuoteLength = 300
    public static let maximumListItems = 12
    public static let maximumListItemLength = 120
    public static let maximumProvenanceRows = 50
    public static let maximumSearchLength = 100
    /// Bulk delete and move take at most this many ids.
    public static let maximumBulkIDs = 100
    /// Longer strings cannot be ids of ours; refusing them keeps requests small.
    public static let maximumIDLength = 64

    /// Returns the profile with its text trimmed, or throws the first field error.
    public static func validate(_ profile: PersonaProfile) throws -> PersonaProfile {
        var result = profile
        result.name = try text(profile.name, "name", maximum: maximumNameLength)
        guard ages.contains(profile.age) else {
            throw DomainError.invalid("age", "age must be between \(ages.lowerBound) and \(ages.upperBound).")
        }
        result.location = try text(profile.location, "location", maximum: maximumShortTextLength)
        result.occupation = try text(profile.occupation, "occupation", maximum: maximumShortTextLength)
        result.bio = try text(profile.bio, "bio", maximum: maximumBioLength, allowEmpty: true, multiline: true)
        result.quote = try text(profile.quote, "quote", maximum: maximumQuoteLength, allowEmpty: true)
        let psycho = profile.psychographics
        result.psychographics = PersonaPsychographics(
            values: try list(psycho.values, "psychographics.values"),
            motivations: try list(psycho.motivations, "psychographics.motivations"),
            frustrations: try list(psycho.frustrations, "psychographics.frustrations"),
            interests: try list(psycho.interests, "psychographics.interests"))
        let behaviours = profile.behaviours
        result.behaviours = PersonaBehaviours(
            shopping: try list(behaviours.shopping, "behaviours.shopping"),
            media: try list(behaviours.media, "behaviours.media"),
            technology: try list(behaviours.technology, "behaviours.technology"))
        try validate(profile.provenance)
        return result
    }

    static func validate(_ provenance: PersonaProvenance) throws {
        for (field, origin) in provenance.origins {
            guard PersonaProvenance.fields.contains(field) else {
                throw DomainError.invalid("provenance", "provenance names an unknown attribute.")
            }
            let path = "provenance.\(field).rows"
            guard origin.rows.count <= maximumProvenanceRows else {
                throw DomainError.invalid(path, "\(path) may list at most \(maximumProvenanceRows) rows.")
            }
            guard origin.rows.allSatisfy({ $0 >= 1 }) else {
                throw DomainError.invalid(path, "\(path) must be row numbers from 1.")
            }
            if origin.source == .inferred, !origin.rows.isEmpty {
                throw DomainError.invalid(path, "An inferred attribute has no rows.")
            }
        }
    }

    /// The search text trimmed, nil when blank; too long or control characters are a field error.
    public static func searchText(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return try text(trimmed, "q", maximum: maximumSearchLength)
    }

    /// Checks an age range's bounds and order.
    public static func ageRange(min: Int?, max: Int?) throws {
        for (value, field) in [(min, "age_min"), (max, "age_max")] {
            if let value, !ages.contains(value) {
                throw DomainError.invalid(field, "\(field) must be between \(ages.lowerBound) and \(ages.upperBound).")
            }
        }
        if let min, let max, min > max {
            throw DomainError.invalid("age_max", "age_max must not be below age_min.")
        }
    }

    /// The distinct ids of a bulk request, in first-seen order: 1 to `maximumBulkIDs` of them.
    public static func bulkIDs(_ ids: [PersonaID]) throws -> [PersonaID] {
        guard !ids.isEmpty, ids.count <= maximumBulkIDs else {
            throw DomainError.invalid("ids", "ids must list 1 to \(maximumBulkIDs) personas.")
        }
        if let index = ids.firstIndex(where: { $0.rawValue.isEmpty || $0.rawValue.count > maximumIDLength }) {
            throw DomainError.invalid("ids[\(index)]", "ids[\(index)] is not a persona id.")
        }
        var seen: Set<PersonaID> = []
        return ids.filter { seen.insert($0).inserted }
    }

    /// The text trimmed: not empty (unless allowed), at most `maximum` characters, no control characters
    /// (line breaks and tabs allowed when `multiline`). Shared by the other validations of user text.
    static func text(
        _ raw: String, _ field: String, maximum: Int, allowEmpty: Bool = false, multiline: Bool = false
    ) throws -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty, !allowEmpty { throw DomainError.invalid(field, "\(field) must not be empty.") }
        guard trimmed.count <= maximum else {
            throw DomainError.invalid(field, "\(field) must be at most \(maximum) characters.")
        }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        guard
            !trimmed.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && !allowed.contains($0)
            })
        else { throw DomainError.invalid(field, "\(field) must not contain control characters.") }
        return trimmed
    }

    private static func list(_ items: [String], _ field: String) throws -> [String] {
        guard items.count <= maximumListItems else {
            throw DomainError.invalid(field, "\(field) may list at most \(maximumListItems) items.")
        }
        return try items.enumerated().map { index, item in
            try text(item, "\(field)[\(index)]", maximum: maximumListItemLength)
        }
    }
}
