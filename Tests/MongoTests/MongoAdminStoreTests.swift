import BSON
import Domain
import Foundation
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoAdminStoreTests {
    struct Stores {
        let fixture: MongoFixture
        let users: MongoUserStore
        let audit: MongoAdminAuditStore

        init() throws {
            fixture = try MongoFixture()
            users = MongoUserStore(pool: fixture.pool, database: fixture.database)
            audit = MongoAdminAuditStore(pool: fixture.pool, database: fixture.database)
        }

        func newUser(_ email: String, createdAt seconds: TimeInterval) throws -> User {
            try users.insert(
                NewUser(
                    email: try #require(EmailAddress(email)), passwordHash: PasswordHash("$2b$12$hash"), role: .user,
                    trialCredits: .zero, createdAt: Date(timeIntervalSince1970: 1_700_000_000 + seconds)))
        }
    }

    @Test func searchMatchesASubstringCaseInsensitivelyNewestFirstAndEscapesPatterns() throws {
        let stores = try Stores()
        let ada = try stores.newUser("ada@example.com", createdAt: 1)
        _ = try stores.newUser("bob@example.com", createdAt: 2)
        let adele = try stores.newUser("adele@example.org", createdAt: 3)
        let all = try stores.users.users(emailContaining: nil, page: try #require(PageRequest()))
        #expect(all.total == 3 && all.items.map(\.email.value).first == "adele@example.org")
        let page = try stores.users.users(emailContaining: "AD", page: try #require(PageRequest(page: 2, perPage: 1)))
        #expect(page.total == 2 && page.items.map(\.id) == [ada.id])
        #expect(
            try stores.users.users(emailContaining: "e.org", page: try #require(PageRequest())).items.map(\.id) == [
                adele.id
            ])
        #expect(try stores.users.users(emailContaining: ".*", page: try #require(PageRequest())).total == 0)
    }

    @Test func disablingBumpsTheTokenVersionAndReadsBackDespiteTheIntegerFlag() throws {
        let stores = try Stores()
        let ada = try stores.newUser("ada@example.com", createdAt: 1)
        #expect(!ada.disabled)
        let disabled = try stores.users.setDisabled(true, of: ada.id)
        #expect(disabled.disabled && disabled.tokenVersion == ada.tokenVersion + 1)
        #expect(try stores.users.user(id: ada.id)?.disabled == true)
        let enabled = try stores.users.setDisabled(false, of: ada.id)
        #expect(!enabled.disabled && enabled.tokenVersion == disabled.tokenVersion)
    }

    @Test func theAuditLogListsNewestFirstAndFiltersByTarget() throws {
        let stores = try Stores()
        let admin = UserID(ObjectID().hex)
        let (ada, bob) = (UserID(ObjectID().hex), UserID(ObjectID().hex))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for (offset, (action, target)) in [(AdminAction.viewUser, ada), (.adjustCredits, bob), (.disableUser, ada)]
            .enumerated()
        {
            try stores.audit.record(
                NewAdminAuditEntry(
                    adminID: admin, action: action, targetUserID: target, details: ["reason": "r\(offset)"],
                    at: start.addingTimeInterval(TimeInterval(offset))))
        }
        let all = try stores.audit.entries(about: nil, page: try #require(PageRequest()))
        #expect(all.total == 3 && all.items.map(\.action) == [.disableUser, .adjustCredits, .viewUser])
        let about = try stores.audit.entries(about: ada, page: try #require(PageRequest(page: 1, perPage: 1)))
        #expect(about.total == 2 && about.items.map(\.action) == [.disableUser])
        #expect(about.items[0].adminID == admin && about.items[0].details == ["reason": "r2"])
        #expect(about.items[0].at == start.addingTimeInterval(2))
    }
}
