/// Who speaks next in a discussion.
public enum TurnTakingMode: String, Sendable, Codable, CaseIterable {
    /// The decision step (mini tier) picks the speaker the moderator addresses (the default).
    case moderatorDirected = "moderator_directed"
    /// Participants take turns in a fixed order.
    case roundRobin = "round_robin"
    /// Each participant's wish to speak (from their profile and the last turns) decides, with fairness.
    case desireBased = "desire_based"
}
