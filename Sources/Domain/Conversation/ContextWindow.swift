/// Keeps every prompt of a session bounded however long it runs: the latest turns are shown verbatim
/// and older ones are folded, a batch at a time, into a rolling summary (written by the mini tier).
///
/// A prompt therefore carries at most `maximumSummaryCharacters` of summary plus
/// `recentTurns + foldBatch` lines of at most `maximumLineCharacters` each.
public struct ContextWindow: Sendable, Hashable {
    /// Lines always shown verbatim.
    public let recentTurns: Int
    /// How many unsummarised lines beyond `recentTurns` may pile up before a fold.
    public let foldBatch: Int
    public let maximumLineCharacters: Int
    public let maximumSummaryCharacters: Int

    /// Prompts carry 8–12 verbatim lines and a summary of at most 2,000 characters: flat after the first dozen turns.
    public static let standard = ContextWindow(
        recentTurns: 8, foldBatch: 4, maximumLineCharacters: 1_200, maximumSummaryCharacters: 2_000)

    public init(recentTurns: Int, foldBatch: Int, maximumLineCharacters: Int, maximumSummaryCharacters: Int) {
        self.recentTurns = recentTurns
        self.foldBatch = foldBatch
        self.maximumLineCharacters = maximumLineCharacters
        self.maximumSummaryCharacters = maximumSummaryCharacters
    }

    /// The lines to fold into the summary now (oldest first), or empty when the window still fits.
    /// `summarizedThrough` is the last seq already in the summary.
    public func linesToFold(_ transcript: [TranscriptLine], summarizedThrough: Int) -> [TranscriptLine] {
        let open = transcript.filter { $0.seq > summarizedThrough }
        guard open.count > recentTurns + foldBatch else { return [] }
        return Array(open.prefix(open.count - recentTurns))
    }

    /// The verbatim part of a prompt: the unsummarised lines, newest last, each cut to the line limit.
    public func visibleLines(_ transcript: [TranscriptLine], summarizedThrough: Int) -> [String] {
        transcript.filter { $0.seq > summarizedThrough }.suffix(recentTurns + foldBatch)
            .map { $0.rendered(limit: maximumLineCharacters) }
    }

    /// A summary as the model wrote it, cut to the limit at a sentence end where possible.
    public func boundedSummary(_ summary: String) -> String {
        guard summary.count > maximumSummaryCharacters else { return summary }
        let cut = summary.prefix(maximumSummaryCharacters)
        if let end = cut.lastIndex(where: { ".!?".contains($0) }), cut.distance(from: cut.startIndex, to: end) > 200 {
            return String(cut[...end])
        }
        return String(cut.prefix(maximumSummaryCharacters - 1)) + "…"
    }

    /// "[seq] Name: " around a line: a seq and a persona name of at most 80 characters.
    static let lineOverhead = 100

    /// The most characters the transcript part of any prompt can take.
    public var maximumCharacters: Int {
        maximumSummaryCharacters + (recentTurns + foldBatch) * (maximumLineCharacters + Self.lineOverhead)
    }
}
