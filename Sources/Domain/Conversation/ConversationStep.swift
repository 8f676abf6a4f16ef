/// What the run does next, as `ConversationEngine.nextStep` decides it.
public enum ConversationStep: Sendable, Hashable {
    case moderator(ModeratorMove)
    /// Ask the decision step (mini tier) who speaks next and whether the question is exhausted.
    case decide
    case participant(PersonaID)
    /// Every participant answers the section's poll privately.
    case poll(section: Int)
    /// Extract the themes so far, after `section`.
    case themes(section: Int)
    /// Write the final themes and summary.
    case report
    /// The researcher moderates and the group has answered: wait for their next message.
    case waitForHuman
    case done
}

/// What the AI moderator says.
public enum ModeratorMove: Sendable, Hashable {
    /// The introduction, then the first question.
    case open
    /// The question at the position, with a transition from what came before.
    case ask(GuidePosition)
    /// One of the current question's probes (index into its probes).
    case probe(GuidePosition, probe: Int)
    /// Responds to the researcher's interjection (its seq) and brings the group back.
    case acknowledge(interjection: Int)
    /// Takes the discussion back after the researcher moderated, from the right guide question.
    case handBack(GuidePosition)
    /// Thanks everyone and ends.
    case close(ConversationState.EndReason)
}
