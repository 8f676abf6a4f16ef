import Foundation

/// A user asks for one of their personas to be changed by an instruction ("make her more price-sensitive").
/// This queues a `persona_modification` task; its executor asks the model and returns the reviewed changes
/// (`PersonaModificationReview`). Nothing is written to the persona: the user applies the changes they
/// accept with an ordinary edit.
public struct PersonaModification: Sendable {
    public static let kind = TaskKind("persona_modification")
    public static let templateName = "persona/modify"
    public static let instructionLength = 3...1_000

    private let lookup: PersonaLookup
    private let launch: TaskLauncher

    public init(lookup: PersonaLookup, launch: TaskLauncher) {
        self.lookup = lookup
        self.launch = launch
    }

    /// Throws `invalid_input` (field `instruction`), `not_found` for a persona that is not the user's, or
    /// `too_many_tasks`.
    public func callAsFunction(_ id: PersonaID, by owner: UserID, instruction: String) throws -> TaskRecord {
        let instruction = try Self.validInstruction(instruction)
        let persona = try lookup(id, by: owner)
        return try launch(
            Self.kind, for: owner, input: Self.input(persona: persona.id, instruction: instruction),
            progress: TaskProgress(done: 0, total: 1, message: "Waiting for a runner"))
    }

    /// The instruction trimmed: 3 to 1000 characters, no control characters other than line breaks and tabs.
    public static func validInstruction(_ raw: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard instructionLength.contains(text.count) else {
            throw DomainError.invalid(
                "instruction",
                "instruction must be \(instructionLength.lowerBound) to \(instructionLength.upperBound) characters.")
        }
        let allowed: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        guard
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) })
        else { throw DomainError.invalid("instruction", "instruction must not contain control characters.") }
        return text
    }

    /// The task's input: `{persona_id, instruction}`.
    public static func input(persona: PersonaID, instruction: String) -> JSONValue {
        .object([("persona_id", .string(persona.rawValue)), ("instruction", .string(instruction))])
    }

    /// The template's `persona` variable: the persona's editable attributes as JSON, shaped like the API's
    /// persona (no ids, avatar, timestamps, folder, generation or provenance).
    public static func promptPersona(_ profile: PersonaProfile) -> JSONValue {
        func value(_ field: PersonaModificationField) -> JSONValue { field.value(in: profile) }
        return .object([
            ("name", value(.name)), ("age", value(.age)), ("gender", value(.gender)), ("location", value(.location)),
            ("occupation", value(.occupation)), ("income_band", value(.incomeBand)), ("attitude", value(.attitude)),
            ("bio", value(.bio)), ("quote", value(.quote)),
            (
                "psychographics",
                .object([
                    ("values", value(.values)), ("motivations", value(.motivations)),
                    ("frustrations", value(.frustrations)), ("interests", value(.interests)),
                ])
            ),
            (
                "behaviours",
                .object([("shopping", value(.shopping)), ("media", value(.media)), ("technology", value(.technology))])
            ),
        ])
    }
}
