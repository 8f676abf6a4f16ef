extension DomainError {
    /// The user's active-task bound is reached (429 `too_many_tasks`).
    public static func tooManyTasks(limit: Int) -> DomainError {
        DomainError(
            .tooManyTasks,
            "You already have \(limit) tasks in progress. Wait for one to finish or cancel one, then try again.")
    }
}
