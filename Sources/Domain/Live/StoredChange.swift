/// A change to stored data that live clients care about, as the database's change streams report it
/// (cohorta-ws turns these into room events). Each case carries the whole document after the change.
public enum StoredChange: Sendable {
    /// A transcript message was stored (inserts only: a message never changes).
    case message(SessionMessage)
    /// A session was created or saved.
    case session(FocusGroupSession)
    /// A run published what it is doing now.
    case activity(LiveActivity)
    /// The runner carried out a researcher's command.
    case commandDone(SessionCommand)
    /// A task was queued or changed (progress, status, result).
    case task(TaskRecord)
    /// A user changed (balance, token version, role).
    case user(User)
    /// A stream lost its place (invalidated, or its resume token expired) and started again from now:
    /// changes in between may be missing, so whoever holds copies must read the database again.
    case positionLost(collection: String)
}
