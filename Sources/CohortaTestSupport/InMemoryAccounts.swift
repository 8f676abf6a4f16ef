public import Domain
public import Foundation
import Synchronization

/// Users and their ledger in memory, with the same contract as the Mongo stores (one lock for both,
/// so a balance change and its entry happen together).
public final class InMemoryAccounts: UserStore, LedgerStore {
    private struct State {
        var users: [UserID: User] = [:]
        var entries: [LedgerEntry] = []
        var nextID = 1
        mutating func makeID() -> String {
            defer { nextID += 1 }
            return String(format: "%024x", nextID)
        }
    }

    private let state = Mutex(State())  // guards users and entries

    public init() {}

    public func insert(_ new: NewUser) throws -> User {
        try state.withLock { state in
            guard !state.users.values.contains(where: { $0.email == new.email }) else {
                throw DomainError(.conflict, "E-mail taken.")
            }
            let user = User(
                id: UserID(state.makeID()), email: new.email, passwordHash: new.passwordHash, role: new.role,
                creditsBalance: new.trialCredits, tokenVersion: 0, createdAt: new.createdAt)
            state.users[user.id] = user
            if new.trialCredits.isPositive {
                state.entries.append(
                    LedgerEntry(
                        id: state.makeID(), userID: user.id, amount: new.trialCredits, balanceAfter: new.trialCredits,
                        kind: .trialGrant, reason: "Trial credits", idempotencyKey: .trialGrant(for: user.id),
                        createdAt: new.createdAt))
            }
            return user
        }
    }

    public func user(id: UserID) throws -> User? { state.withLock { $0.users[id] } }

    public func user(email: EmailAddress) throws -> User? {
        state.withLock { $0.users.values.first { $0.email == email } }
    }

    public func changePassword(of id: UserID, to hash: PasswordHash) throws -> User {
        try update(id) {
            $0.passwordHash = hash
            $0.tokenVersion += 1
        }
    }

    public func revokeTokens(of id: UserID) throws -> User { try update(id) { $0.tokenVersion += 1 } }

    public func setRole(_ role: UserRole, of id: UserID) throws -> User { try update(id) { $0.role = role } }

    public func setDisabled(_ disabled: Bool, of id: UserID) throws -> User {
        try update(id) {
            if disabled && !$0.disabled { $0.tokenVersion += 1 }
            $0.disabled = disabled
        }
    }

    public func users(emailContaining text: String?, page: PageRequest) throws -> Page<User> {
        state.withLock { state in
            let needle = text?.lowercased() ?? ""
            let found = state.users.values
                .filter { needle.isEmpty || $0.email.value.lowercased().contains(needle) }
                .sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) }
            return Page(
                items: Array(found.dropFirst(page.offset).prefix(page.perPage)), request: page, total: found.count)
        }
    }

    public func apply(_ change: LedgerChange) throws -> LedgerOutcome {
        try state.withLock { state in
            if let existing = state.entries.first(where: { $0.idempotencyKey == change.idempotencyKey }) {
                return .alreadyApplied(existing)
            }
            guard var user = state.users[change.userID] else { throw DomainError(.notFound, "No such user.") }
            let balance = user.creditsBalance + change.amount
            guard balance >= .zero || !(change.amount < .zero) || change.kind.mayOverdraw else {
                throw DomainError(.insufficientCredits, "Not enough credits.")
            }
            user.creditsBalance = balance
            state.users[user.id] = user
            let entry = LedgerEntry(
                id: state.makeID(), userID: user.id, amount: change.amount, balanceAfter: balance, kind: change.kind,
                reason: change.reason, idempotencyKey: change.idempotencyKey, createdAt: change.at)
            state.entries.append(entry)
            return .applied(entry)
        }
    }

    public func entries(of user: UserID, page: PageRequest) throws -> Page<LedgerEntry> {
        state.withLock { state in
            let mine = state.entries.filter { $0.userID == user }.reversed()
            let slice = mine.dropFirst(page.offset).prefix(page.perPage)
            return Page(items: Array(slice), request: page, total: mine.count)
        }
    }

    public func entries(of user: UserID, in interval: DateInterval) throws -> [LedgerEntry] {
        state.withLock { state in
            state.entries.filter { $0.userID == user && interval.start <= $0.createdAt && $0.createdAt < interval.end }
        }
    }

    public func reconcile(_ user: UserID) throws {}

    public func ledgerSum(of user: UserID) throws -> Credits {
        state.withLock { $0.entries.filter { $0.userID == user }.reduce(.zero) { $0 + $1.amount } }
    }

    private func update(_ id: UserID, _ change: (inout User) -> Void) throws -> User {
        try state.withLock { state in
            guard var user = state.users[id] else { throw DomainError(.notFound, "No such user.") }
            change(&user)
            state.users[id] = user
            return user
        }
    }
}
