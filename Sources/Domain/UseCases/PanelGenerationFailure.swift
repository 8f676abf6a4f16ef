/// Why one persona of a panel was not created; `message` is safe to show the user.
public struct PanelGenerationFailure: Sendable, Equatable {
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The balance no longer covered this persona: no LLM call was made for it.
    public static let insufficientCredits = PanelGenerationFailure(
        code: "insufficient_credits", message: "Your balance no longer covered this persona.")

    /// The model failed or its answer was unusable; `reason` is a user-safe explanation.
    public static func generationFailed(_ reason: String) -> PanelGenerationFailure {
        PanelGenerationFailure(code: "generation_failed", message: reason)
    }

    /// The failure for an error thrown while writing a persona (LLM, validation, save).
    public init(_ error: any Error) {
        switch error {
        case let error as DomainError where error.code == .insufficientCredits:
            self = .insufficientCredits
        case let error as DomainError where error.code == .quotaExceeded:
            self = PanelGenerationFailure(code: "quota_exceeded", message: error.message)
        case let error as DomainError:
            self = .generationFailed(error.message)
        default:
            self = .generationFailed("This persona could not be written.")
        }
    }
}
