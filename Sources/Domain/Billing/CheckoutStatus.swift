/// Where a Checkout Session stands, as far as Cohorta knows. Stored in `checkout_sessions.status`.
///
/// Transitions only move forward: `open` → `unpaid` → `paid` | `failed`, `open` → `expired`, and any
/// state except a granted one → `paid`. A late or replayed event never moves a session back.
public enum CheckoutStatus: String, Sendable, Codable, CaseIterable {
    case open
    case paid
    case unpaid
    case expired
    case failed
}
