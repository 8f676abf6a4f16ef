/// Whether an answer can be handed to the feature, and if not, the repair turn that asks for a better one.
/// Pure: text and schema in, verdict out.
public enum LLMAnswerCheck: Sendable, Hashable {
    /// Usable; `json` is the parsed answer when a schema was asked for.
    case accepted(json: JSONValue?)
    /// Not usable, with the reasons to tell the model (JSON-pointer paths and messages).
    case rejected(reasons: [String])

    /// Checks `content` against `schema`: without one any non-empty text is accepted; with one the text
    /// must be JSON (a surrounding Markdown code fence is tolerated) valid against the schema.
    public init(content: String, schema: JSONValue?) {
        let text = Self.unfenced(content)
        guard !text.isEmpty else {
            self = .rejected(reasons: ["the answer was empty"])
            return
        }
        guard let schema else {
            self = .accepted(json: nil)
            return
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            let reason = (error as? DomainError)?.message ?? "it is not well-formed"
            self = .rejected(reasons: ["the answer was not valid JSON: \(reason)"])
            return
        }
        let violations = SchemaValidator.validate(value, against: schema)
        guard violations.isEmpty else {
            self = .rejected(reasons: violations.map(\.description))
            return
        }
        self = .accepted(json: value)
    }

    /// The user turn that follows a rejected answer. At most the first 10 reasons are quoted.
    public static func repairMessage(for reasons: [String], expectingJSON: Bool) -> ChatMessage {
        let listed = reasons.prefix(10).map { "- \($0)" }.joined(separator: "\n")
        let instruction =
            expectingJSON
            ? "Reply again with the complete answer: only JSON that satisfies the schema, no other text."
            : "Reply again with the complete answer."
        return ChatMessage(.user, "Your answer was invalid because:\n\(listed)\n\(instruction)")
    }

    /// The text without surrounding whitespace or a ```json … ``` fence.
    private static func unfenced(_ content: String) -> String {
        let trimmed = content.trimmingWhitespace()
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), trimmed.count >= 6,
            let firstNewline = trimmed.firstIndex(of: "\n")
        else { return trimmed }
        return String(trimmed[firstNewline..<trimmed.index(trimmed.endIndex, offsetBy: -3)]).trimmingWhitespace()
    }
}
