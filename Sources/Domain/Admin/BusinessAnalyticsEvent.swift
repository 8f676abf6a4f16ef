public import Foundation

/// One thing that happened in the business, as the analytics count it.
public enum BusinessEvent: Sendable, Hashable {
    case signup(UserID, at: Date)
    case personaCreated(by: UserID, at: Date)
    case sessionStarted(by: UserID, at: Date)
    /// A Stripe credit grant or refund clawback, dated by its ledger entry.
    case payment(PaymentMovement)

    public var userID: UserID {
        switch self {
        case .signup(let user, _), .personaCreated(let user, _), .sessionStarted(let user, _): user
        case .payment(let movement): movement.userID
        }
    }

    public var at: Date {
        switch self {
        case .signup(_, let at), .personaCreated(_, let at), .sessionStarted(_, let at): at
        case .payment(let movement): movement.at
        }
    }

    /// Whether the event makes its user active that day (a signup alone does not).
    public var isActivity: Bool {
        switch self {
        case .personaCreated, .sessionStarted: true
        case .signup, .payment: false
        }
    }
}
