/// What a run reports as it goes, for the runner's structured logs.
public enum SessionRunEvent: Sendable {
    /// A turn draft failed the quality gate and was generated again.
    case regenerated(seq: Int, speaker: String, reason: String, attempt: Int)
    /// The last allowed draft still failed the gate; it was kept.
    case keptDespiteGate(seq: Int, speaker: String, reason: String)
    /// A poll answer could not be read and was left out.
    case pollAnswerUnreadable(persona: PersonaID, poll: String)
    /// The decision step's answer before message `seq` was not acted on (outside the schema, naming someone
    /// who is not a participant, or no usable answer at all); the turn policy's fallback decided instead.
    case decisionRejected(seq: Int, problems: [String])
    /// The answer for message `seq` quoted its own instructions (the system prompt); it was not stored as
    /// written: the moderator used the guide's words instead, a participant's draft was regenerated.
    case instructionsWithheld(seq: Int, speaker: String)
    case stopped(status: SessionStatus, reason: String)
    /// The live activity could not be published (the run went on). Reported once per streak of failures.
    case livePublishFailed(any Error)
}
