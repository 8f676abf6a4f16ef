public import Foundation

/// Why credits moved. The raw values are stored and shown in the history.
public enum LedgerKind: String, Sendable, Codable, CaseIterable {
    case trialGrant = "trial_grant"
    case purchase
    case debit
    case refund
    case adminAdjustment = "admin_adjustment"

    /// A refund clawback takes back credits whose money went back, even below zero: the negative balance
    /// then blocks every debit until it is paid off. Every other negative change needs the balance to cover it.
    public var mayOverdraw: Bool { self == .refund }
}

/// A change the caller asks the ledger to apply: positive amounts grant, negative amounts debit.
public struct LedgerChange: Sendable, Equatable {
    public let userID: UserID
    public let amount: Credits
    public let kind: LedgerKind
    public let reason: String
    public let idempotencyKey: IdempotencyKey
    public let at: Date

    public init(
        userID: UserID, amount: Credits, kind: LedgerKind, reason: String, idempotencyKey: IdempotencyKey, at: Date
    ) {
        self.userID = userID
        self.amount = amount
        self.kind = kind
        self.reason = reason
        self.idempotencyKey = idempotencyKey
        self.at = at
    }
}

/// One row of `credit_transactions`: the ledger. The balance always equals the sum of `amount` over a user's entries.
public struct LedgerEntry: Sendable, Equatable {
    public let id: String
    public let userID: UserID
    public let amount: Credits
    public let balanceAfter: Credits
    public let kind: LedgerKind
    public let reason: String
    public let idempotencyKey: IdempotencyKey
    public let createdAt: Date

    public init(
        id: String, userID: UserID, amount: Credits, balanceAfter: Credits, kind: LedgerKind, reason: String,
        idempotencyKey: IdempotencyKey, createdAt: Date
    ) {
        self.id = id
        self.userID = userID
        self.amount = amount
        self.balanceAfter = balanceAfter
        self.kind = kind
        self.reason = reason
        self.idempotencyKey = idempotencyKey
        self.createdAt = createdAt
    }
}

/// The outcome of `LedgerStore.apply`: a change applied now, or the entry an earlier call with the same key made.
public enum LedgerOutcome: Sendable, Equatable {
    case applied(LedgerEntry)
    case alreadyApplied(LedgerEntry)

    public var entry: LedgerEntry {
        switch self {
        case .applied(let entry), .alreadyApplied(let entry): entry
        }
    }
}
