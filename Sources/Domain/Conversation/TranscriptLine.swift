/// One message as prompts show it: "Maya Chen: I'd never pay for that."
public struct TranscriptLine: Sendable, Hashable {
    public let seq: Int
    public let speaker: Speaker
    public let speakerName: String
    public let text: String

    public init(seq: Int, speaker: Speaker, speakerName: String, text: String) {
        self.seq = seq
        self.speaker = speaker
        self.speakerName = speakerName
        self.text = text
    }

    /// The line as a prompt shows it, the text cut to `limit` characters: "[12] Maya Chen (persona:65f…): …",
    /// "[13] Moderator: …", "[14] Researcher: …" (themes cite the seq and the persona id).
    public func rendered(limit: Int) -> String {
        let body = text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
        switch speaker {
        case .participant(let id): return "[\(seq)] \(speakerName) (persona:\(id.rawValue)): \(body)"
        case .moderator, .human: return "[\(seq)] \(speakerName): \(body)"
        }
    }
}
