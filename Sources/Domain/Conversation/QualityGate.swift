/// Judges a generated turn before it joins the transcript: a turn that repeats one already said, or
/// that breaks character (talks as an AI, speaks for someone else), is regenerated, at most
/// `maximumRegenerations` times; the last try is kept with its problem logged.
public struct QualityGate: Sendable {
    public enum Verdict: Sendable, Hashable {
        /// The text to keep (a leading "Name:" of the speaker's own is removed).
        case accept(String)
        case regenerate(Reason)
    }

    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        case empty
        /// Too similar (word-trigram Jaccard ≥ `repeatThreshold`) to an earlier message.
        case nearRepeat(seq: Int, similarity: Double)
        /// Talks about being an AI or a model, or refuses the role.
        case brokeCharacter(String)
        /// Writes lines for another participant or the moderator.
        case spokeForOthers(String)

        public var description: String {
            switch self {
            case .empty: "empty turn"
            case .nearRepeat(let seq, let similarity):
                "near-repeat of message \(seq) (similarity \(Int((similarity * 100).rounded()))%)"
            case .brokeCharacter(let phrase): "broke character (\"\(phrase)\")"
            case .spokeForOthers(let name): "spoke for \(name)"
            }
        }
    }

    public static let maximumRegenerations = 2
    public static let repeatThreshold = 0.6

    /// Phrases a person in a focus group would not say.
    static let outOfCharacter = [
        "as an ai", "an ai language model", "as a language model", "i am an ai", "i'm an ai", "as an assistant",
        "i am a virtual", "i'm a virtual", "i cannot role-play", "i can't role-play", "i cannot roleplay",
        "i don't have personal opinions", "i do not have personal opinions", "i don't have personal experiences",
        "i do not have personal experiences", "as a synthetic persona", "as a persona",
    ]

    public init() {}

    /// `speakerName` is who should be talking; `otherNames` everyone else present (participants and
    /// "Moderator"); `earlier` the session's messages so far.
    public func check(
        _ candidate: String, speakerName: String, otherNames: [String], earlier: [TranscriptLine]
    ) -> Verdict {
        let text = Self.withoutOwnName(candidate.trimmingWhitespace(), speakerName)
        guard !text.isEmpty else { return .regenerate(.empty) }
        let lowered = text.lowercased()
        if let phrase = Self.outOfCharacter.first(where: lowered.contains) {
            return .regenerate(.brokeCharacter(phrase))
        }
        if let other = Self.voicedName(in: text, among: otherNames) { return .regenerate(.spokeForOthers(other)) }
        let shingles = Self.shingles(text)
        for line in earlier.reversed() {
            let similarity = Self.jaccard(shingles, Self.shingles(line.text))
            if similarity >= Self.repeatThreshold {
                return .regenerate(.nearRepeat(seq: line.seq, similarity: similarity))
            }
        }
        return .accept(text)
    }

    /// "Maya: I think…" → "I think…" when Maya is speaking.
    static func withoutOwnName(_ text: String, _ name: String) -> String {
        for prefix in [name, name.split(separator: " ").first.map(String.init) ?? name] where !prefix.isEmpty {
            if text.lowercased().hasPrefix(prefix.lowercased() + ":") {
                return String(text.dropFirst(prefix.count + 1)).trimmingWhitespace()
            }
        }
        return text
    }

    /// A line that starts with another person's name and a colon: the turn is scripting them.
    static func voicedName(in text: String, among names: [String]) -> String? {
        let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace().lowercased() }
        for name in names where !name.isEmpty {
            let forms = [name, name.split(separator: " ").first.map(String.init) ?? name].map { $0.lowercased() + ":" }
            if lines.contains(where: { line in forms.contains { line.hasPrefix($0) } }) { return name }
        }
        return nil
    }

    /// Word trigrams (words lowercased, punctuation dropped); a text under three words is its one "trigram".
    static func shingles(_ text: String) -> Set<String> {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }.map(String.init)
        guard words.count >= 3 else { return words.isEmpty ? [] : [words.joined(separator: " ")] }
        return Set((0...(words.count - 3)).map { words[$0..<($0 + 3)].joined(separator: " ") })
    }

    static func jaccard(_ left: Set<String>, _ right: Set<String>) -> Double {
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        return Double(left.intersection(right).count) / Double(left.union(right).count)
    }
}
