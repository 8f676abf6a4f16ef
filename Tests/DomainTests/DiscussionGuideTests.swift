import Domain
import Testing

struct DiscussionGuideTests {
    static func section(questions: Int = 2, poll: JSONValue = .null) -> JSONValue {
        .object([
            ("id", .string("whatever")), ("title", .string("  Warm-up ")), ("goal", .string("Get to know them")),
            ("minutes", .number(5)), ("turn_budget", .number(8)),
            (
                "questions",
                .array(
                    (0..<questions).map {
                        .object([
                            ("text", .string("Question \($0)?")), ("probes", .array([.string("Why?")])),
                        ])
                    })
            ),
            ("poll", poll),
        ])
    }

    static func guide(_ sections: [JSONValue]) -> JSONValue {
        .object([
            ("introduction", .string("Welcome")), ("sections", .array(sections)), ("closing", .string("Thanks")),
        ])
    }

    static let likert = JSONValue.object([
        ("kind", .string("likert")), ("question", .string("How likely?")),
        ("options", .array(["1", "2", "3", "4", "5"].map(JSONValue.string))),
    ])

    @Test func readingAssignsIdsByPositionAndTrims() throws {
        let guide = try DiscussionGuide(
            json: Self.guide([Self.section(), Self.section(poll: Self.likert)]), version: 1)
        #expect(guide.sections.map(\.id) == ["s1", "s2"])
        #expect(guide.sections[1].questions.map(\.id) == ["s2q1", "s2q2"])
        #expect(guide.sections[1].poll?.id == "s2p" && guide.sections[1].poll?.samples == 3)
        #expect(guide.sections[0].title == "Warm-up")
        #expect(guide.items.count == 4 && guide.totalTurnBudget == 16)
    }

    @Test func jsonRoundTrips() throws {
        let guide = try DiscussionGuide(json: Self.guide([Self.section(poll: Self.likert)]), version: 4)
        #expect(try DiscussionGuide(json: guide.json, version: 4) == guide)
    }

    @Test func boundsAreFieldErrorsWithPaths() {
        func field(_ json: JSONValue) -> String? {
            do {
                _ = try DiscussionGuide(json: json, version: 1)
                return nil
            } catch let error as DomainError {
                return error.field
            } catch {
                return "unexpected"
            }
        }
        #expect(field(Self.guide([])) == "guide.sections")
        #expect(field(Self.guide([Self.section(questions: 0)])) == "guide.sections[0].questions")
        #expect(field(Self.guide([Self.section(questions: 7)])) == "guide.sections[0].questions")
        let sixPoint = JSONValue.object([
            ("kind", .string("likert")), ("question", .string("Q")),
            ("options", .array(["a", "b", "c", "d", "e", "f"].map(JSONValue.string))),
        ])
        #expect(field(Self.guide([Self.section(), Self.section(poll: sixPoint)])) == "guide.sections[1].poll.options")
        #expect(field(.string("nope")) == "guide")
    }

    @Test func aRegeneratedSectionTakesTheIdOfItsPlace() throws {
        let section = try GuideSection(json: Self.section(), index: 2, field: "section")
        #expect(section.id == "s3" && section.questions.first?.id == "s3q1")
    }
}

struct MicroUSDParsingTests {
    @Test(arguments: [("2", Int64(2_000_000)), ("0.10", 100_000), ("1.234567", 1_234_567), ("100.00", 100_000_000)])
    func decimalDollarsParseExactly(_ text: String, _ micro: Int64) {
        #expect(MicroUSD(dollars: text) == MicroUSD(micro))
    }

    @Test(arguments: ["", "-1", "1e3", "1.2345678", "1,50", " 2", "2.", ".5", "abc", "99999999999999"])
    func anythingElseIsRefused(_ text: String) {
        #expect(MicroUSD(dollars: text) == nil)
    }
}
