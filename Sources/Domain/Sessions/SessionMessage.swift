public import Foundation

/// One message of a session's transcript, numbered by `seq` (1, 2, …, no gaps, never reused). It keeps
/// the conversation state right after it, so a run resumes, and a fork starts, from any message.
public struct SessionMessage: Sendable, Hashable {
    public let sessionID: SessionID
    public let seq: Int
    public let speaker: Speaker
    public let speakerName: String
    public let text: String
    /// The guide question being discussed when it was said.
    public let position: GuidePosition?
    public let usage: TokenUsage
    public let cost: MicroUSD
    /// Why earlier drafts of this turn were regenerated (the quality gate), oldest first.
    public let regenerations: [String]
    public let stateAfter: ConversationState
    public let createdAt: Date

    public init(
        sessionID: SessionID, seq: Int, speaker: Speaker, speakerName: String, text: String,
        position: GuidePosition?, usage: TokenUsage, cost: MicroUSD, regenerations: [String],
        stateAfter: ConversationState, createdAt: Date
    ) {
        self.sessionID = sessionID
        self.seq = seq
        self.speaker = speaker
        self.speakerName = speakerName
        self.text = text
        self.position = position
        self.usage = usage
        self.cost = cost
        self.regenerations = regenerations
        self.stateAfter = stateAfter
        self.createdAt = createdAt
    }

    public var transcriptLine: TranscriptLine {
        TranscriptLine(seq: seq, speaker: speaker, speakerName: speakerName, text: text)
    }
}
