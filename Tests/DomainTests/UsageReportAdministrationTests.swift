import CohortaTestSupport
import Domain
import Foundation
import Testing

/// Today is 2027-01-15 (the fixture's clock); `day(-1)` is 2027-01-14.
func usageEvent(
    _ user: UserID, _ feature: LLMFeature = .personaDetail, model: String = "main-model", prompt: Int = 100,
    completion: Int = 10, cost: Int64 = 1_000, at: Date
) -> UsageEvent {
    UsageEvent(
        userID: user, feature: feature, objectReference: nil, model: model,
        usage: TokenUsage(promptTokens: prompt, completionTokens: completion), cost: MicroUSD(cost), replayed: false,
        createdAt: at)
}

@Suite struct UsageReportAdministrationTests {
    let fixture = AccountsFixture()
    let history = InMemoryActivityHistory()

    var administration: UsageReportAdministration {
        UsageReportAdministration(history: history, audit: fixture.audit, clock: fixture.clock)
    }

    func admin() throws -> User {
        try fixture.accounts.setRole(.admin, of: try fixture.signedInUser("root@example.com").user.id)
    }

    func day(_ offset: Int, hour: Double = 1) -> Date {
        CalendarDay(containing: fixture.clock.now).adding(days: offset).start.addingTimeInterval(hour * 3_600)
    }

    func user(_ email: String) throws -> UserID {
        let id = try fixture.signedInUser(email).user.id
        history.register(id, email: try #require(EmailAddress(email)))
        return id
    }

    @Test func sumsEveryUsersCallsPerDayUserFeatureAndModelWithEveryDayListed() throws {
        let root = try admin()
        let ada = try user("ada@example.com")
        let bob = try user("bob@example.com")
        history.record(usageEvent(ada, .personaDetail, cost: 1_000, at: day(-2)))
        history.record(usageEvent(ada, .summary, model: "mini-model", prompt: 5, completion: 1, cost: 10, at: day(-2)))
        history.record(usageEvent(bob, .moderator, prompt: 300, completion: 30, cost: 5_000, at: day(0, hour: 23.9)))
        history.record(usageEvent(bob, .moderator, cost: 7_000, at: day(-3, hour: 23.99)))  // before `from`
        history.record(usageEvent(bob, .moderator, cost: 7_000, at: day(1)))  // after `to`

        let from = CalendarDay(containing: day(-2)).description
        let to = CalendarDay(containing: day(0)).description
        let tally = try administration.report(by: root, from: from, to: to)

        #expect(tally.totals.calls == 3 && tally.totals.promptTokens == 405 && tally.totals.cost == MicroUSD(6_010))
        #expect(tally.byDay.map(\.figures.calls) == [2, 0, 1])
        #expect(tally.byDay.map(\.day.description) == [from, CalendarDay(containing: day(-1)).description, to])
        #expect(tally.byUser.map(\.user) == [bob, ada])
        #expect(tally.byUser.map(\.figures.cost) == [MicroUSD(5_000), MicroUSD(1_010)])
        #expect(tally.emails[ada]?.value == "ada@example.com")
        #expect(tally.byFeature.map(\.feature) == [.moderator, .personaDetail, .summary])
        #expect(tally.byModel.map(\.model) == ["main-model", "mini-model"])
        #expect(
            tally.rows.map { "\($0.cell.user == ada ? "ada" : "bob") \($0.cell.feature.rawValue)" } == [
                "ada persona_detail", "ada summary", "bob moderator",
            ])
        let entry = try #require(fixture.audit.all.last)
        #expect(entry.action == .viewUsage && entry.adminID == root.id && entry.details == ["from": from, "to": to])
    }

    @Test func theDefaultRangeIsTheLastThirtyDays() throws {
        let tally = try administration.report(by: try admin(), from: nil, to: nil)
        #expect(tally.byDay.count == 30 && tally.range.to == CalendarDay(containing: fixture.clock.now))
    }

    @Test func theCSVHasOneQuotedDefusedRowPerCellAndIsAuditedAsAnExport() throws {
        let root = try admin()
        let ada = try user("ada@example.com")
        history.record(usageEvent(ada, model: #"=HYPERLINK("x",1)"#, cost: 1_234_567, at: day(0)))
        history.record(usageEvent(ada, model: "-plain", cost: 1, at: day(0)))
        let tally = try administration.export(by: root, from: nil, to: nil)
        let lines = UsageReportCSV.render(tally).components(separatedBy: "\r\n")
        let today = CalendarDay(containing: day(0)).description
        #expect(lines[0] == "day,user_id,email,feature,model,calls,prompt_tokens,completion_tokens,cost_usd")
        #expect(lines[1] == "\(today),\(ada),ada@example.com,persona_detail,'-plain,1,100,10,0.000001")
        #expect(
            lines[2] == #"\#(today),\#(ada),ada@example.com,persona_detail,"'=HYPERLINK(""x"",1)",1,100,10,1.234567"#)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(UsageReportCSV.filename(for: tally.range) == "cohorta-usage-\(tally.range.from)-to-\(today).csv")
        #expect(fixture.audit.all.last?.action == .exportUsage)
    }

    @Test func cellsAreQuotedOnlyWhenTheyMustBe() {
        #expect(
            UsageReportCSV.line(["a b", "x,y", "line\r\nbreak", "@me", "+1"])
                == "a b,\"x,y\",\"line\r\nbreak\",'@me,'+1\r\n")
    }

    @Test func aNonAdministratorOrABadRangeIsRefusedAndNothingIsAudited() throws {
        let ada = try fixture.signedInUser().user
        let forbidden = #expect(throws: DomainError.self) { try administration.report(by: ada, from: nil, to: nil) }
        #expect(forbidden?.code == .forbidden)
        #expect(throws: DomainError.self) { try administration.export(by: ada, from: nil, to: nil) }
        let root = try admin()
        let reversed = #expect(throws: DomainError.self) {
            try administration.report(by: root, from: "2026-02-02", to: "2026-02-01")
        }
        #expect(reversed?.field == "from")
        let long = #expect(throws: DomainError.self) {
            try administration.report(by: root, from: "2025-01-01", to: "2026-01-02")
        }
        #expect(long?.field == "to")
        #expect(throws: DomainError.self) { try administration.report(by: root, from: "2026-2-1", to: nil) }
        #expect(fixture.audit.all.isEmpty)
    }
}
