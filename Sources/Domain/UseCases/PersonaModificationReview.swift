import Foundation

/// The model's answer to prompts/persona/modify.md checked against the persona it was about: only changes a
/// PATCH of that persona would accept survive. A change is dropped, with a note saying why, when its field is
/// not editable, its `before` is not the persona's current value (the model misread the persona), its
/// `after` fails `PersonaValidation` or has the wrong type, it changes nothing, or the field was already
/// changed by an earlier entry. Each change is checked on its own against the current profile, because the
/// user may accept any subset of them.
public struct PersonaModificationReview: Sendable, Equatable {
    public static let maximumReasonLength = 300

    public let changes: [PersonaModificationChange]
    /// One line per dropped change, for logs and for the client to explain the count.
    public let notes: [String]

    public var dropped: Int { notes.count }

    /// `answer` is the JSON `{changes: [{field, before, after, reason}]}`; anything else has no changes.
    public init(answer: JSONValue, current profile: PersonaProfile) {
        var changes: [PersonaModificationChange] = []
        var notes: [String] = []
        for (index, entry) in (answer["changes"]?.arrayValue ?? []).enumerated() {
            let label = entry["field"]?.stringValue ?? "changes[\(index)]"
            switch Self.check(entry, against: profile, after: changes) {
            case .success(let change): changes.append(change)
            case .failure(let problem): notes.append("\(label): \(problem.reason); dropped.")
            }
        }
        self.changes = changes
        self.notes = notes
    }

    /// `{persona_id, changes: [{field, before, after, reason}], dropped, notes}`: the task's result.
    public func result(for persona: PersonaID) -> JSONValue {
        .object([
            ("persona_id", .string(persona.rawValue)), ("changes", .array(changes.map(\.json))),
            ("dropped", .number(Double(dropped))), ("notes", .array(notes.map(JSONValue.string))),
        ])
    }

    private struct Problem: Error {
        let reason: String
    }

    private static func check(
        _ entry: JSONValue, against profile: PersonaProfile, after accepted: [PersonaModificationChange]
    ) -> Result<PersonaModificationChange, Problem> {
        guard let field = entry["field"]?.stringValue.flatMap(PersonaModificationField.init(rawValue:)) else {
            return .failure(Problem(reason: "not an editable field"))
        }
        guard !accepted.contains(where: { $0.field == field }) else {
            return .failure(Problem(reason: "already changed by an earlier suggestion"))
        }
        let current = field.value(in: profile)
        guard let before = entry["before"], normalised(before) == normalised(current) else {
            return .failure(Problem(reason: "its current value does not match the persona"))
        }
        guard let proposed = entry["after"], let patch = field.patch(setting: proposed, of: profile) else {
            return .failure(Problem(reason: "the new value has the wrong type or is not an allowed choice"))
        }
        let validated: PersonaProfile
        do {
            validated = try PersonaValidation.validate(patch.applied(to: profile))
        } catch let error as DomainError {
            return .failure(Problem(reason: "the new value is invalid (\(error.message))"))
        } catch {
            return .failure(Problem(reason: "the new value is invalid"))
        }
        let after = field.value(in: validated)
        guard after != current else { return .failure(Problem(reason: "it changes nothing")) }
        let reason = (entry["reason"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(
            PersonaModificationChange(
                field: field, before: current, after: after, reason: String(reason.prefix(maximumReasonLength))))
    }

    /// Text compared without surrounding whitespace, as `PersonaValidation` stores it.
    private static func normalised(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
        case .array(let items): .array(items.map(normalised))
        default: value
        }
    }
}
