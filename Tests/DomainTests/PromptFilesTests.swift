import Domain
import Foundation
import Testing

/// The real `prompts/` folder, read the way `PromptDirectory` reads it at startup.
@Suite struct PromptFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("prompts")

    private func library() throws -> PromptLibrary { try Self.library() }

    static func library() throws -> PromptLibrary {
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        var files: [(path: String, text: String)] = []
        for case let url as URL in enumerator where url.pathExtension == "md" && url.lastPathComponent != "README.md" {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files.append((relative, try String(contentsOf: url, encoding: .utf8)))
        }
        return try PromptLibrary.parse(files: files)
    }

    @Test func everyTemplateParsesWithAValidSchema() throws {
        let library = try library()
        #expect(
            library.names == [
                "focus-group/guide", "focus-group/guide-section", "focus-group/image-description",
                "persona/basic-profiles", "persona/detail", "persona/modify", "session/decision", "session/moderator",
                "session/participant", "session/poll", "session/report", "session/summary", "session/themes",
            ])
        for name in library.names {
            let template = try library.template(named: name)
            #expect((template.schema == nil) == Self.plainText.contains(name), "\(name)")
            if let schema = template.schema { try SchemaValidator.checkSchema(schema) }
            let values = Dictionary(uniqueKeysWithValues: template.variables.map { ($0.name, "value of \($0.name)") })
            let messages = try template.render(values)
            #expect(messages[0].content.hasSuffix(PromptTemplate.dataNotice))
            for variable in template.variables where variable.isData {
                #expect(messages[1].content.contains("<data name=\"\(variable.name)\">"), "\(name) \(variable.name)")
            }
        }
    }

    @Test(arguments: [
        ("persona/basic-profiles", LLMFeature.personaBasicProfiles),
        ("persona/detail", .personaDetail),
        ("persona/modify", .personaModification),
        ("focus-group/image-description", .imageDescription),
        ("session/moderator", .moderator),
        ("session/participant", .personaResponse),
        ("session/decision", .conversationDecision),
        ("session/summary", .summary),
        ("session/themes", .keyThemes),
        ("session/poll", .personaResponse),
        ("session/report", .summary),
        ("focus-group/guide", .discussionGuide),
        ("focus-group/guide-section", .discussionGuide),
    ])
    func templatesUseTheirFeaturesTier(name: String, feature: LLMFeature) throws {
        #expect(try library().template(named: name).tier == feature.tier)
    }

    @Test(arguments: [
        ("persona/basic-profiles", Self.basicProfiles),
        ("persona/detail", Self.detail),
        ("persona/modify", Self.modification),
        ("focus-group/image-description", #"{"description": "A green cardboard box with a window."}"#),
        ("session/decision", Self.decision),
        ("session/decision", Self.decisionWithoutSpeaker),
        ("session/themes", Self.themes),
        ("session/themes", #"{"themes": []}"#),
        ("session/poll", #"{"answer": [4]}"#),
        ("session/poll", #"{"answer": [3, 1, 2]}"#),
        ("session/report", Self.report),
        ("focus-group/guide", Self.guide),
        ("focus-group/guide-section", Self.guideSection),
    ])
    func aRealisticAnswerSatisfiesTheSchema(name: String, answer: String) throws {
        let schema = try #require(try library().template(named: name).schema)
        #expect(SchemaValidator.validate(try JSONValue.parse(answer), against: schema).map(\.description) == [])
    }

    @Test func aRealisticGuideIsAValidDiscussionGuide() throws {
        let guide = try DiscussionGuide(json: try JSONValue.parse(Self.guide), version: 1)
        #expect(guide.sections.map(\.id) == ["s1", "s2", "s3", "s4"] && guide.totalTurnBudget == 60)
        #expect(try GuideSection(json: try JSONValue.parse(Self.guideSection), index: 1, field: "section").id == "s2")
        let schema = try #require(try library().template(named: "focus-group/guide").schema)
        let noPoll = Self.guide.replacingOccurrences(
            of: #""poll": {"kind": "ranking""#, with: #""poll": null, "x": {"kind": "ranking""#)
        #expect(
            SchemaValidator.validate(try JSONValue.parse(noPoll), against: schema).map(\.description) == [
                "/sections/3/x: is not allowed"
            ])
    }

    @Test func anAnswerOutsideTheSlotIsExplained() throws {
        let schema = try #require(try library().template(named: "persona/basic-profiles").schema)
        let answer = Self.basicProfiles.replacingOccurrences(of: #""age": 71"#, with: #""age": 95"#)
        let found = SchemaValidator.validate(try JSONValue.parse(answer), against: schema).map(\.description)
        #expect(found == ["/profiles/0/age: must be ≤ 90"])
    }

    @Test func aThemeWithASingleQuoteIsRefused() throws {
        let schema = try #require(try library().template(named: "session/themes").schema)
        let answer = #"""
            {"themes": [{"title": "Price", "summary": "Only Maya spoke.",
              "quotes": [{"seq": 12, "persona_id": "65f0c0ffee0000000000abcd", "text": "I'd never pay that much."}]}]}
            """#
        let found = SchemaValidator.validate(try JSONValue.parse(answer), against: schema).map(\.description)
        #expect(found == ["/themes/0/quotes: must have at least 2 items"])
    }

    /// The templates whose answer is plain text (`schema: none`).
    static let plainText: Set<String> = ["session/moderator", "session/participant", "session/summary"]

    static let inferred = #"{"source": "inferred", "rows": []}"#

    static let basicProfiles = #"""
        {"profiles": [{"slot": 1, "name": "Maureen Clegg", "age": 71, "gender": "female", "location": "Leeds, UK",
          "occupation": "retired bus driver", "income_band": "lower_middle", "attitude": "skeptic",
          "bio": "Widowed, careful with money and wary of anything sold by subscription.",
          "provenance": {"age": {"source": "customer_data", "rows": [3, 17]}, "gender": \#(inferred),
            "location": \#(inferred), "occupation": \#(inferred), "income_band": \#(inferred),
            "attitude": \#(inferred)}}]}
        """#

    static let detail = #"""
        {"bio": "Maureen drove the 72 for thirty years.", "quote": "I'll believe it when my neighbour uses it.",
         "psychographics": {"values": ["thrift", "routine"], "motivations": ["saving", "company"],
           "frustrations": ["hidden fees", "apps"], "interests": ["allotment", "quiz shows"]},
         "behaviours": {"shopping": ["Aldi weekly", "market on Saturdays"], "media": ["Radio 2", "local paper"],
           "technology": ["basic Android phone", "asks her grandson"]},
         "provenance": {"bio": \#(inferred), "quote": \#(inferred), "psychographics.values": \#(inferred),
           "psychographics.motivations": \#(inferred), "psychographics.frustrations": \#(inferred),
           "psychographics.interests": \#(inferred), "behaviours.shopping": {"source": "customer_data", "rows": [3]},
           "behaviours.media": \#(inferred), "behaviours.technology": \#(inferred)}}
        """#

    static let modification = #"""
        {"changes": [
          {"field": "income_band", "before": "upper_middle", "after": "low", "reason": "She lost her job."},
          {"field": "age", "before": 41, "after": 43, "reason": "Older, as asked."},
          {"field": "psychographics.frustrations", "before": ["queues"], "after": ["queues", "prices"],
           "reason": "Price-sensitive now."}]}
        """#

    static let decision = #"""
        {"next_speaker": "65f0c0ffee0000000000abcd",
         "desires": [{"persona_id": "65f0c0ffee0000000000abcd", "desire": 0.8},
           {"persona_id": "65f0c0ffee0000000000abce", "desire": 0}],
         "question_exhausted": false, "probe": true, "reason": "Maya has not answered; the answers are vague."}
        """#

    static let decisionWithoutSpeaker = #"""
        {"next_speaker": null, "desires": [], "question_exhausted": true, "probe": false, "reason": "Covered."}
        """#

    static let priceTheme = #"""
        {"title": "Price splits the group", "summary": "Maya finds it too dear; Tom would pay.",
         "quotes": [{"seq": 12, "persona_id": "65f0c0ffee0000000000abcd", "text": "I'd never pay that much."},
           {"seq": 15, "persona_id": "65f0c0ffee0000000000abce", "text": "worth every penny"}]}
        """#

    static let themes = #"{"themes": [\#(priceTheme)]}"#

    static let report = #"{"summary": "The group was split on price.", "themes": [\#(priceTheme)]}"#

    static let guideSection = #"""
        {"title": "First look at the meal kit", "goal": "Capture unprompted reactions to Concept A before any detail.",
         "minutes": 20, "turn_budget": 24,
         "questions": [
           {"text": "Here is \"Concept A\". What is your very first reaction?",
            "probes": ["What made you feel that way?", "Who sees it differently?"]},
           {"text": "What, if anything, is unclear or hard to believe?", "probes": []}],
         "poll": {"kind": "likert", "question": "How likely would you be to try Concept A in the next month?",
           "options": ["Very unlikely", "Unlikely", "Neither likely nor unlikely", "Likely", "Very likely"],
           "samples": 3}}
        """#

    static let guide = #"""
        {"introduction": "Welcome, and thank you for joining. Today we will talk about weekday dinners. There are no right or wrong answers; disagreeing is welcome.",
         "sections": [
           {"title": "Warm-up", "goal": "Learn how each person plans weekday dinners.", "minutes": 8,
            "turn_budget": 8, "questions": [{"text": "Walk me through a typical weekday dinner at home.",
              "probes": ["Who decides what you eat?"]}], "poll": null},
           {"title": "Today's routine", "goal": "Find the frustrations a meal kit would have to solve.",
            "minutes": 15, "turn_budget": 16, "questions": [
              {"text": "Tell me about the last time dinner felt like a chore.", "probes": ["What made it hard?"]},
              {"text": "What have you tried to make weekday cooking easier?", "probes": []}], "poll": null},
           \#(guideSection),
           {"title": "Wrap-up", "goal": "Learn what would decide a first order.", "minutes": 12,
            "turn_budget": 12, "questions": [
              {"text": "What would have to be true for you to order a first box?", "probes": ["What would stop you?"]}],
            "poll": {"kind": "ranking", "question": "Put these in order of importance to you.",
              "options": ["Price per meal", "Cooking time", "Recipe variety", "Packaging waste"], "samples": 3}}],
         "closing": "Thank you all. Is there anything you would like to add before we finish?"}
        """#
}
