/// Finds a generated turn that repeats its own instructions: any sentence of the request's system message
/// (at least `minimumSentenceLength` characters, compared case- and spacing-insensitively) quoted in the
/// answer. That is what a model does when text in a data section talked it into "printing its prompt"; a
/// turn that does it is not stored as it is (the moderator says the guide's own words instead, a
/// participant's draft is regenerated and, as a last resort, withheld whole).
public struct InstructionLeak: Sendable {
    /// Shorter sentences ("Be brief.") may well be said in a discussion.
    public static let minimumSentenceLength = 40
    /// What is stored instead of a participant's turn that still quoted its instructions on the last try.
    public static let withheld = "[…]"

    /// The system message's sentences, normalised.
    let sentences: [String]

    public init(system: String) {
        var sentences: [String] = []
        var current = ""
        for character in system {
            current.append(character)
            if ".!?:;\n".contains(character) {
                Self.keep(current, in: &sentences)
                current = ""
            }
        }
        Self.keep(current, in: &sentences)
        self.sentences = sentences
    }

    private static func keep(_ sentence: String, in sentences: inout [String]) {
        // Without its closing mark: a quote may end the sentence differently ("…focus group, they said").
        let normalised = normalise(String(sentence.trimmingSuffix(".!?:;\n")))
        if normalised.count >= minimumSentenceLength { sentences.append(normalised) }
    }

    /// Whether `text` quotes any of the instructions.
    public func leaks(in text: String) -> Bool {
        let normalised = Self.normalise(text)
        return sentences.contains { normalised.contains($0) }
    }

    /// Lowercased, with every run of whitespace one space and no spaces at the ends.
    static func normalise(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension String {
    /// This text without the trailing characters that are in `characters`.
    fileprivate func trimmingSuffix(_ characters: String) -> Substring {
        var end = endIndex
        while end > startIndex, characters.contains(self[index(before: end)]) { end = index(before: end) }
        return self[..<end]
    }
}
