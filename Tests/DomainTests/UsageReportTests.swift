import CohortaTestSupport
import Domain
import Foundation
import Testing

struct CalendarDayTests {
    @Test(arguments: ["2026-11-24", "2024-02-29", "1970-01-01"])
    func realDaysParseAndPrintBack(_ text: String) throws {
        #expect(try #require(CalendarDay(iso: text)).description == text)
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "2026-13-01", "2026-1-05", "26-11-24", "2026/11/24", "", "2026-11-24T00",
        "２０２６-11-24",
    ])
    func anythingElseIsRefused(_ text: String) {
        #expect(CalendarDay(iso: text) == nil)
    }

    @Test func dayOfADateIsItsUTCDay() throws {
        let lateEvening = try #require(ISO8601DateFormatter().date(from: "2026-11-24T23:59:59Z"))
        #expect(CalendarDay(containing: lateEvening).description == "2026-11-24")
        #expect(CalendarDay(containing: lateEvening.addingTimeInterval(1)).description == "2026-11-25")
    }

    @Test func addingAndCountingDaysCrossesMonthsAndLeapDays() throws {
        let day = try #require(CalendarDay(iso: "2024-02-28"))
        #expect(day.adding(days: 2).description == "2024-03-01")
        #expect(day.days(until: try #require(CalendarDay(iso: "2025-02-28"))) == 366)
    }
}

struct UsageRangeTests {
    let today: CalendarDay

    init() throws { today = try #require(CalendarDay(iso: "2026-11-24")) }

    @Test func defaultIsTheLastThirtyDaysEndingToday() throws {
        let range = try UsageRange(from: nil, to: nil, today: today)
        #expect("\(range.from)" == "2026-10-26" && "\(range.to)" == "2026-11-24")
        #expect(range.days.count == 30)
    }

    @Test func oneEndGivenAnchorsTheOther() throws {
        let fromOnly = try UsageRange(from: "2026-11-01", to: nil, today: today)
        #expect("\(fromOnly.to)" == "2026-11-24")
        let toOnly = try UsageRange(from: nil, to: "2026-01-31", today: today)
        #expect("\(toOnly.from)" == "2026-01-02")
    }

    @Test func intervalRunsFromMidnightToTheNextMidnightUTC() throws {
        let range = try UsageRange(from: "2026-11-24", to: "2026-11-24", today: today)
        #expect(range.interval.duration == 86_400)
        #expect(range.interval.start == CalendarDay(iso: "2026-11-24")?.start)
    }

    @Test func badInputNamesTheField() {
        #expect(fieldError { try UsageRange(from: "yesterday", to: nil, today: today) } == "from")
        #expect(fieldError { try UsageRange(from: nil, to: "2026-02-30", today: today) } == "to")
        #expect(fieldError { try UsageRange(from: "2026-11-25", to: "2026-11-24", today: today) } == "from")
        #expect(fieldError { try UsageRange(from: "2025-11-23", to: "2026-11-24", today: today) } == "to")
        #expect(fieldError { try UsageRange(from: "2025-11-24", to: "2026-11-24", today: today) } == nil)
    }

    private func fieldError(_ body: () throws -> UsageRange) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as DomainError {
            return error.code == .invalidInput ? error.field : "not a field error"
        } catch {
            return "unexpected"
        }
    }
}

struct UsageReportTests {
    static let ada = UserID("65f0c0ffee0000000000abcd")
    /// 2026-11-01 … 2026-11-03; events name their day as an offset from its first day.
    let range: UsageRange

    init() throws {
        range = try UsageRange(
            from: "2026-11-01", to: "2026-11-03", today: try #require(CalendarDay(iso: "2026-11-24")))
    }

    func at(_ day: Int, hour: Int = 12) -> Date {
        range.from.adding(days: day).start.addingTimeInterval(TimeInterval(hour * 3600))
    }

    func event(
        _ day: Int, _ feature: LLMFeature, model: String = "main", object: String? = "task:1", tokens: Int = 10,
        cost: Int64 = 100, replayed: Bool = false, hour: Int = 12
    ) -> UsageEvent {
        UsageEvent(
            userID: Self.ada, feature: feature, objectReference: object, model: model,
            usage: replayed ? .zero : TokenUsage(promptTokens: tokens, completionTokens: tokens / 2),
            cost: replayed ? .zero : MicroUSD(cost), replayed: replayed, createdAt: at(day, hour: hour))
    }

    func entry(_ amount: Int64, on day: Int) throws -> LedgerEntry {
        LedgerEntry(
            id: UUID().uuidString, userID: Self.ada, amount: Credits(amount), balanceAfter: .zero,
            kind: amount < 0 ? .debit : .purchase, reason: "r",
            idempotencyKey: try #require(IdempotencyKey("k-\(UUID())")), createdAt: at(day))
    }

    @Test func figuresAreExactSumsWithEveryDayZeroFilled() {
        let report = UsageReport(
            range: range,
            events: [
                event(0, .personaDetail, tokens: 10, cost: 150),
                event(0, .personaBasicProfiles, model: "mini", tokens: 20, cost: 30),
                event(2, .personaDetail, replayed: true),
                event(2, .personaDetail, tokens: 4, cost: 1, hour: 23),
            ], ledger: [], balance: Credits(46))
        #expect(report.totals.calls == 4 && report.totals.replayedCalls == 1)
        #expect(report.totals.promptTokens == 34 && report.totals.completionTokens == 17)
        #expect(report.totals.cost == MicroUSD(181))
        #expect(report.byDay.map(\.day.description) == ["2026-11-01", "2026-11-02", "2026-11-03"])
        #expect(report.byDay.map(\.figures.calls) == [2, 0, 2])
        #expect(report.byFeature.map(\.feature) == [.personaDetail, .personaBasicProfiles])
        #expect(report.byFeature.first?.figures.cost == MicroUSD(151))
        #expect(report.byModel.map(\.model) == ["main", "mini"])
    }

    @Test func eventsAndEntriesOutsideTheRangeAreIgnored() throws {
        let report = UsageReport(
            range: range,
            events: [event(-1, .summary, hour: 23), event(3, .summary, hour: 0)],
            ledger: [try entry(-2, on: -1), try entry(50, on: 3)], balance: Credits(48))
        #expect(report.totals == UsageFigures())
        #expect(report.byFeature.isEmpty && report.byObject.isEmpty)
        #expect(report.credits.added == .zero && report.credits.used == .zero)
    }

    @Test func creditsSplitIntoAddedAndUsed() throws {
        let report = UsageReport(
            range: range, events: [],
            ledger: [
                try entry(50, on: 0), try entry(-2, on: 1), try entry(-4, on: 2),
            ],
            balance: Credits(44))
        #expect(report.credits.balance == Credits(44))
        #expect(report.credits.added == Credits(50) && report.credits.used == Credits(6))
    }

    @Test func objectsAreRankedByCostWithUnattributedCallsAsNil() {
        let report = UsageReport(
            range: range,
            events: [
                event(0, .personaDetail, object: "persona:a", cost: 5),
                event(0, .personaDetail, object: nil, cost: 9),
                event(1, .personaDetail, object: "task:b", cost: 7),
            ], ledger: [], balance: .zero)
        #expect(report.byObject.map(\.object) == [nil, "task:b", "persona:a"])
    }

    @Test func atMostAHundredObjectsAreListed() {
        let events = (0..<120).map {
            event(1, .personaDetail, object: "persona:\($0)", cost: Int64($0))
        }
        let report = UsageReport(range: range, events: events, ledger: [], balance: .zero)
        #expect(report.byObject.count == UsageReport.maximumObjects)
        #expect(report.byObject.first?.object == "persona:119")
        #expect(report.totals.calls == 120)
    }
}

struct MicroUSDDollarsTests {
    @Test(arguments: [
        (Int64(0), "0.000000"), (1, "0.000001"), (1_234_567, "1.234567"), (-500_000, "-0.500000"),
        (12_000_000, "12.000000"),
    ])
    func dollarsAreExactWithSixDecimals(_ micro: Int64, _ text: String) {
        #expect(MicroUSD(micro).dollars == text)
    }
}
