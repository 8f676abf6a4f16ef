import BSON
import Domain
import Foundation
import Synchronization
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoStoreTests {
    struct Stores {
        let fixture: MongoFixture
        let users: MongoUserStore
        let ledger: MongoLedgerStore

        init() throws {
            fixture = try MongoFixture()
            users = MongoUserStore(pool: fixture.pool, database: fixture.database)
            ledger = MongoLedgerStore(pool: fixture.pool, database: fixture.database)
        }

        func newUser(trial: Int64 = 50, email: String? = nil) throws -> User {
            let address = try #require(EmailAddress(email ?? "u\(ObjectID().hex)@example.com"))
            return try users.insert(
                NewUser(
                    email: address, passwordHash: PasswordHash("$2b$12$hash"), role: .user,
                    trialCredits: Credits(trial),
                    createdAt: Date(timeIntervalSince1970: 1_700_000_000)))
        }

        func change(_ user: User, _ amount: Int64, key: String) throws -> LedgerChange {
            LedgerChange(
                userID: user.id, amount: Credits(amount), kind: amount < 0 ? .debit : .adminAdjustment, reason: "test",
                idempotencyKey: try #require(IdempotencyKey(key)), at: Date())
        }

        func balance(_ user: User) throws -> Credits {
            try #require(try users.user(id: user.id)).creditsBalance
        }

        func pendingCount(_ user: User) throws -> Int {
            try fixture.withDatabase { database in
                let id = try #require(ObjectID(hex: user.id.rawValue))
                let doc = try database.collection("users").findOne(["_id": .objectID(id)], as: UserDocument.self)
                return doc?.pendingLedger?.count ?? 0
            }
        }
    }

    @Test func insertedUserHasTrialBalanceEqualToItsOneLedgerEntry() throws {
        let stores = try Stores()
        let user = try stores.newUser(trial: 50)
        #expect(user.creditsBalance == Credits(50))
        #expect(try stores.balance(user) == Credits(50))
        #expect(try stores.ledger.ledgerSum(of: user.id) == Credits(50))
        let page = try stores.ledger.entries(of: user.id, page: try #require(PageRequest()))
        #expect(page.total == 1)
        #expect(page.items.first?.kind == .trialGrant)
        #expect(page.items.first?.balanceAfter == Credits(50))
        #expect(page.items.first?.idempotencyKey == .trialGrant(for: user.id))
        #expect(try stores.pendingCount(user) == 0)
        #expect(try stores.users.user(email: user.email)?.id == user.id)
    }

    @Test func duplicateEmailIsAConflict() throws {
        let stores = try Stores()
        _ = try stores.newUser(email: "same@example.com")
        let error = try #require(throws: DomainError.self) { try stores.newUser(email: "same@example.com") }
        #expect(error.code == .conflict)
    }

    @Test func fiftyConcurrentDebitsOfThreeFromHundredLetExactlyThirtyThreeThrough() throws {
        let stores = try Stores()
        let user = try stores.newUser(trial: 100)
        let changes = try (0..<50).map { try stores.change(user, -3, key: "debit-\($0)") }
        let results = Mutex((applied: 0, insufficient: 0, other: [String]()))
        let ledger = stores.ledger
        onThreads(50) { index in
            do {
                _ = try ledger.apply(changes[index])
                results.withLock { $0.applied += 1 }
            } catch let error as DomainError where error.code == .insufficientCredits {
                results.withLock { $0.insufficient += 1 }
            } catch {
                results.withLock { $0.other.append(String(reflecting: error)) }
            }
        }
        let counts = results.withLock { $0 }
        #expect(counts.other == [])
        #expect(counts.applied == 33)
        #expect(counts.insufficient == 17)
        #expect(try stores.balance(user) == Credits(1))
        #expect(try stores.ledger.ledgerSum(of: user.id) == Credits(1))
        #expect(try stores.pendingCount(user) == 0)
    }

    @Test func repeatingAKeyReturnsTheFirstEntryAndChangesNothing() throws {
        let stores = try Stores()
        let user = try stores.newUser(trial: 50)
        let change = try stores.change(user, -20, key: "order-1")
        guard case .applied(let first) = try stores.ledger.apply(change) else {
            Issue.record("first apply must apply")
            return
        }
        #expect(first.balanceAfter == Credits(30))
        #expect(try stores.ledger.apply(change) == .alreadyApplied(first))
        #expect(try stores.balance(user) == Credits(30))
        #expect(try stores.ledger.entries(of: user.id, page: try #require(PageRequest())).total == 2)
    }

    @Test func concurrentCallsWithTheSameKeyApplyOnce() throws {
        let stores = try Stores()
        let user = try stores.newUser(trial: 10)
        let change = try stores.change(user, 5, key: "grant-once")
        let outcomes = Mutex((applied: 0, replayed: 0, inProgress: 0, other: [String]()))
        let ledger = stores.ledger
        onThreads(12) { _ in
            do {
                switch try ledger.apply(change) {
                case .applied: outcomes.withLock { $0.applied += 1 }
                case .alreadyApplied: outcomes.withLock { $0.replayed += 1 }
                }
            } catch let error as DomainError where error.code == .conflict {
                outcomes.withLock { $0.inProgress += 1 }
            } catch {
                outcomes.withLock { $0.other.append(String(reflecting: error)) }
            }
        }
        let counts = outcomes.withLock { $0 }
        #expect(counts.other == [])
        #expect(counts.applied == 1)
        #expect(counts.applied + counts.replayed + counts.inProgress == 12)
        #expect(try stores.balance(user) == Credits(15))
        #expect(try stores.ledger.ledgerSum(of: user.id) == Credits(15))
    }

    @Test func debitBeyondTheBalanceIsRefusedWithTheAmounts() throws {
        let stores = try Stores()
        let user = try stores.newUser(trial: 12)
        let error = try #require(throws: DomainError.self) {
            try stores.ledger.apply(try stores.change(user, -40, key: "too-much"))
        }
        #expect(error.code == .insufficientCredits)
        #expect(error.message == "Not enough credits: this needs 40, your balance is 12.")
        #expect(try stores.balance(user) == Credits(12))
        #expect(try stores.pendingCount(user) == 0)
    }

    @Test func keyUsedByAnotherUserIsAConflictAndUnknownUserIsNotFound() throws {
        let stores = try Stores()
        let alice = try stores.newUser()
        let bob = try stores.newUser()
        _ = try stores.ledger.apply(try stores.change(alice, 1, key: "shared"))
        let conflict = try #require(throws: DomainError.self) {
            try stores.ledger.apply(try stores.change(bob, 1, key: "shared"))
        }
        #expect(conflict.code == .conflict)
        let ghost = User(
            id: UserID(ObjectID().hex), email: alice.email, passwordHash: alice.passwordHash, role: .user,
            creditsBalance: .zero, tokenVersion: 0, createdAt: Date())
        let missing = try #require(throws: DomainError.self) {
            try stores.ledger.apply(try stores.change(ghost, 1, key: "ghost"))
        }
        #expect(missing.code == .notFound)
    }

    /// Simulates a crash after step 2: the balance moved and the item is pending, but no entry exists.
    @Test func reconcileAfterACrashMakesBalanceEqualTheLedgerSum() throws {
        let stores = try Stores()
        let user = try stores.newUser(trial: 50)
        let userID = try #require(ObjectID(hex: user.id.rawValue))
        let crashed = [
            PendingLedgerItem(try stores.change(user, -7, key: "crash-1"), entryID: ObjectID()),
            PendingLedgerItem(try stores.change(user, 4, key: "crash-2"), entryID: ObjectID()),
        ]
        try stores.fixture.withDatabase { database in
            for item in crashed {
                let pushed = try database.collection("users").findOneAndUpdate(
                    LedgerDocuments.applyFilter(user: userID, item: item), LedgerDocuments.applyUpdate(item: item))
                #expect(pushed != nil)
            }
        }
        #expect(try stores.balance(user) == Credits(47))
        #expect(try stores.ledger.ledgerSum(of: user.id) == Credits(50))

        try stores.ledger.reconcile(user.id)
        #expect(try stores.ledger.ledgerSum(of: user.id) == Credits(47))
        #expect(try stores.balance(user) == Credits(47))
        #expect(try stores.pendingCount(user) == 0)
        let entries = try stores.ledger.entries(of: user.id, page: try #require(PageRequest())).items
        let byKey = Dictionary(uniqueKeysWithValues: entries.map { ($0.idempotencyKey.value, $0.balanceAfter) })
        #expect(byKey["crash-1"] == Credits(43))
        #expect(byKey["crash-2"] == Credits(47))

        try stores.ledger.reconcile(user.id)
        #expect(try stores.ledger.ledgerSum(of: user.id) == Credits(47))
    }

    /// A crashed call whose key another call completed meanwhile is reverted, not recorded twice.
    @Test func reconcileRevertsACrashedDuplicateOfACompletedKey() throws {
        let stores = try Stores()
        let user = try stores.newUser(trial: 50)
        let userID = try #require(ObjectID(hex: user.id.rawValue))
        let change = try stores.change(user, -10, key: "dup")
        _ = try stores.ledger.apply(change)
        try stores.fixture.withDatabase { database in
            let item = PendingLedgerItem(change, entryID: ObjectID())
            _ = try database.collection("users").findOneAndUpdate(
                LedgerDocuments.applyFilter(user: userID, item: item), LedgerDocuments.applyUpdate(item: item))
        }
        #expect(try stores.balance(user) == Credits(30))
        try stores.ledger.reconcile(user.id)
        #expect(try stores.balance(user) == Credits(40))
        #expect(try stores.ledger.ledgerSum(of: user.id) == Credits(40))
        #expect(try stores.pendingCount(user) == 0)
    }

    @Test func entriesArePagedNewestFirst() throws {
        let stores = try Stores()
        let user = try stores.newUser(trial: 50)
        for n in 1...4 {
            _ = try stores.ledger.apply(
                LedgerChange(
                    userID: user.id, amount: Credits(Int64(n)), kind: .purchase, reason: "p\(n)",
                    idempotencyKey: try #require(IdempotencyKey("p-\(n)")),
                    at: Date(timeIntervalSince1970: 1_800_000_000 + Double(n))))
        }
        let first = try stores.ledger.entries(of: user.id, page: try #require(PageRequest(page: 1, perPage: 2)))
        #expect(first.total == 5)
        #expect(first.items.map(\.reason) == ["p4", "p3"])
        let last = try stores.ledger.entries(of: user.id, page: try #require(PageRequest(page: 3, perPage: 2)))
        #expect(last.items.map(\.kind) == [.trialGrant])
    }

    @Test func entriesWithinAnIntervalAreTheUsersOnly() throws {
        let stores = try Stores()
        let user = try stores.newUser(trial: 50)
        let other = try stores.newUser(trial: 50)
        for (owner, n) in [(user, 1), (user, 2), (user, 3), (other, 2)] {
            _ = try stores.ledger.apply(
                LedgerChange(
                    userID: owner.id, amount: Credits(Int64(-n)), kind: .debit, reason: "d\(n)",
                    idempotencyKey: try #require(IdempotencyKey("d-\(owner.id.rawValue)-\(n)")),
                    at: Date(timeIntervalSince1970: 1_800_000_000 + Double(n))))
        }
        let interval = DateInterval(
            start: Date(timeIntervalSince1970: 1_800_000_002), end: Date(timeIntervalSince1970: 1_800_000_003))
        #expect(try stores.ledger.entries(of: user.id, in: interval).map(\.reason) == ["d2"])
    }

    @Test func passwordChangeAndRevocationBumpTheTokenVersion() throws {
        let stores = try Stores()
        let user = try stores.newUser()
        let changed = try stores.users.changePassword(of: user.id, to: PasswordHash("$2b$12$new"))
        #expect(changed.tokenVersion == 1)
        #expect(changed.passwordHash == PasswordHash("$2b$12$new"))
        #expect(try stores.users.revokeTokens(of: user.id).tokenVersion == 2)
        #expect(try stores.users.setRole(.admin, of: user.id).role == .admin)
        let missing = try #require(throws: DomainError.self) {
            try stores.users.revokeTokens(of: UserID(ObjectID().hex))
        }
        #expect(missing.code == .notFound)
        #expect(try stores.users.user(id: UserID("not-an-id")) == nil)
    }

    @Test func loginFailuresAreCountedPerKeyAndWindow() throws {
        let fixture = try MongoFixture()
        let attempts = MongoLoginAttemptStore(pool: fixture.pool, database: fixture.database)
        let window = Date(timeIntervalSince1970: 1_800_000_000)
        let expires = window.addingTimeInterval(900)
        #expect(try attempts.failures(for: "account:a@example.com", windowStart: window) == 0)
        let counts = try (0..<3).map { _ in
            try attempts.recordFailure(for: "account:a@example.com", windowStart: window, expiresAt: expires)
        }
        #expect(counts == [1, 2, 3])
        #expect(try attempts.failures(for: "account:a@example.com", windowStart: window) == 3)
        #expect(try attempts.failures(for: "ip:127.0.0.1", windowStart: window) == 0)
        #expect(try attempts.failures(for: "account:a@example.com", windowStart: expires) == 0)
        try attempts.clear("account:a@example.com")
        #expect(try attempts.failures(for: "account:a@example.com", windowStart: window) == 0)
    }

    @Test func concurrentLoginFailuresAreAllCounted() throws {
        let fixture = try MongoFixture()
        let attempts = MongoLoginAttemptStore(pool: fixture.pool, database: fixture.database)
        let window = Date(timeIntervalSince1970: 1_800_000_000)
        onThreads(10) { _ in
            _ = try? attempts.recordFailure(for: "ip:10.0.0.1", windowStart: window, expiresAt: window)
        }
        #expect(try attempts.failures(for: "ip:10.0.0.1", windowStart: window) == 10)
    }

    @Test func settingsReadDefaultsUntilStored() throws {
        let fixture = try MongoFixture()
        let settings = MongoSettingsStore(pool: fixture.pool, database: fixture.database)
        #expect(try settings.appSettings() == .defaults)
        try fixture.withDatabase { database in
            try database.collection("app_settings").insertOne(["_id": "credits", "trial_credits": 75])
        }
        let stored = try settings.appSettings()
        #expect(stored.trialCredits == Credits(75))
        #expect(stored.focusGroupRunCost == AppSettings.defaults.focusGroupRunCost)
    }
}
