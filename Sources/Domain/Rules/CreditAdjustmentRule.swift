/// What an administrator may enter when adjusting a balance by hand.
public enum CreditAdjustmentRule {
    public static let maximumMagnitude: Int64 = 1_000_000
    public static let maximumReasonLength = 200

    /// Validates the amount and reason, returning the reason trimmed.
    public static func validate(amount: Int64, reason: String) throws -> (Credits, String) {
        guard amount != 0 else { throw DomainError.invalid("amount", "Amount must not be zero.") }
        guard amount.magnitude <= UInt64(maximumMagnitude) else {
            throw DomainError.invalid("amount", "Amount must be between -\(maximumMagnitude) and \(maximumMagnitude).")
        }
        let trimmed = reason.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw DomainError.invalid("reason", "A reason is required.") }
        guard trimmed.count <= maximumReasonLength else {
            throw DomainError.invalid("reason", "Reason must be at most \(maximumReasonLength) characters.")
        }
        return (Credits(amount), trimmed)
    }
}
