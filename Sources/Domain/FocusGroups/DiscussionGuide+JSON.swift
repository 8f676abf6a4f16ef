/// The guide's JSON (docs/openapi.yaml `DiscussionGuide`), read from the model's answer or a client's
/// edit. Reading validates every bound in `GuideLimits`, trims text and (re)assigns the ids by position,
/// so ids are always `s<n>`, `s<n>q<m>` and `s<n>p` whatever the writer sent.
extension DiscussionGuide {
    /// `field` prefixes error paths ("guide" gives "guide.sections[1].questions[0].text").
    public init(json: JSONValue, version: Int, field: String = "guide") throws {
        let reader = GuideJSONReader(root: field)
        guard case .object = json else { throw DomainError.invalid(field, "\(field) must be an object.") }
        let introduction = try reader.text(json["introduction"], "introduction", GuideLimits.maximumFramingLength)
        let closing = try reader.text(json["closing"], "closing", GuideLimits.maximumFramingLength)
        guard let sections = json["sections"]?.arrayValue, GuideLimits.sections.contains(sections.count) else {
            throw reader.error(
                "sections", "must list \(GuideLimits.sections.lowerBound)–\(GuideLimits.sections.upperBound) sections")
        }
        self.init(
            version: version, introduction: introduction,
            sections: try sections.enumerated().map { try reader.section($1, index: $0) }, closing: closing)
    }

    public var json: JSONValue {
        .object([
            ("version", .number(Double(version))), ("introduction", .string(introduction)),
            ("sections", .array(sections.map(\.json))), ("closing", .string(closing)),
        ])
    }
}

extension GuideSection {
    public var json: JSONValue {
        .object([
            ("id", .string(id)), ("title", .string(title)), ("goal", .string(goal)),
            ("minutes", .number(Double(minutes))), ("turn_budget", .number(Double(turnBudget))),
            ("questions", .array(questions.map(\.json))), ("poll", poll?.json ?? .null),
        ])
    }

    /// Reads one section of a guide (a regenerated one) and gives it the id of position `index`.
    public init(json: JSONValue, index: Int, field: String) throws {
        self = try GuideJSONReader(root: field).section(json, index: index, path: nil)
    }
}

extension GuideQuestion {
    public var json: JSONValue {
        .object([("id", .string(id)), ("text", .string(text)), ("probes", .array(probes.map(JSONValue.string)))])
    }
}

extension GuidePoll {
    public var json: JSONValue {
        .object([
            ("id", .string(id)), ("kind", .string(kind.rawValue)), ("question", .string(question)),
            ("options", .array(options.map(JSONValue.string))), ("samples", .number(Double(samples))),
        ])
    }
}

/// Reads guide JSON with field paths under `root`.
private struct GuideJSONReader {
    let root: String

    func error(_ path: String, _ problem: String) -> DomainError {
        let field = path.isEmpty ? root : "\(root).\(path)"
        return DomainError.invalid(field, "\(field) \(problem).")
    }

    func text(_ value: JSONValue?, _ path: String, _ maximum: Int, allowEmpty: Bool = false) throws -> String {
        guard let raw = value?.stringValue else { throw error(path, "must be text") }
        let trimmed = raw.trimmingWhitespace()
        guard allowEmpty || !trimmed.isEmpty else { throw error(path, "must not be empty") }
        guard trimmed.count <= maximum else { throw error(path, "must be at most \(maximum) characters") }
        return trimmed
    }

    func integer(_ value: JSONValue?, _ path: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let number = value?.intValue, range.contains(number) else {
            throw error(path, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// `path` nil: the section is the root itself (a regenerated section).
    func section(_ json: JSONValue, index: Int, path given: String? = "") throws -> GuideSection {
        let path = given.map { $0 == "" ? "sections[\(index)]" : $0 } ?? ""
        func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        guard case .object = json else { throw error(path, "must be an object") }
        let id = "s\(index + 1)"
        guard let questions = json["questions"]?.arrayValue, GuideLimits.questionsPerSection.contains(questions.count)
        else {
            let bounds = GuideLimits.questionsPerSection
            throw error(at("questions"), "must list \(bounds.lowerBound)–\(bounds.upperBound) questions")
        }
        let poll = json["poll"].flatMap { $0 == .null ? nil : $0 }
        return GuideSection(
            id: id, title: try text(json["title"], at("title"), GuideLimits.maximumTitleLength),
            goal: try text(json["goal"], at("goal"), GuideLimits.maximumTextLength, allowEmpty: true),
            minutes: try integer(json["minutes"], at("minutes"), GuideLimits.minutes),
            turnBudget: try integer(json["turn_budget"], at("turn_budget"), GuideLimits.turnBudget),
            questions: try questions.enumerated().map { offset, question in
                try self.question(question, id: "\(id)q\(offset + 1)", path: at("questions[\(offset)]"))
            },
            poll: try poll.map { try self.poll($0, id: "\(id)p", path: at("poll")) })
    }

    private func question(_ json: JSONValue, id: String, path: String) throws -> GuideQuestion {
        guard case .object = json else { throw error(path, "must be an object") }
        let probes = json["probes"]?.arrayValue ?? []
        guard GuideLimits.probesPerQuestion.contains(probes.count) else {
            throw error("\(path).probes", "must list at most \(GuideLimits.probesPerQuestion.upperBound) probes")
        }
        return GuideQuestion(
            id: id, text: try text(json["text"], "\(path).text", GuideLimits.maximumTextLength),
            probes: try probes.enumerated().map {
                try text($1, "\(path).probes[\($0)]", GuideLimits.maximumTextLength)
            })
    }

    private func poll(_ json: JSONValue, id: String, path: String) throws -> GuidePoll {
        guard case .object = json else { throw error(path, "must be an object or null") }
        guard let kind = json["kind"]?.stringValue.flatMap(GuidePoll.Kind.init(rawValue:)) else {
            throw error("\(path).kind", "must be likert, choice or ranking")
        }
        guard let options = json["options"]?.arrayValue, GuideLimits.pollOptions.contains(options.count) else {
            let bounds = GuideLimits.pollOptions
            throw error("\(path).options", "must list \(bounds.lowerBound)–\(bounds.upperBound) options")
        }
        if kind == .likert, !GuideLimits.likertScales.contains(options.count) {
            throw error("\(path).options", "must be a 5- or 7-point scale for a likert poll")
        }
        let labels = try options.enumerated().map {
            try text($1, "\(path).options[\($0)]", GuideLimits.maximumTitleLength)
        }
        guard Set(labels.map { $0.lowercased() }).count == labels.count else {
            throw error("\(path).options", "must not repeat an option")
        }
        return GuidePoll(
            id: id, kind: kind, question: try text(json["question"], "\(path).question", GuideLimits.maximumTextLength),
            options: labels,
            samples: json["samples"] == nil
                ? 3 : try integer(json["samples"], "\(path).samples", GuideLimits.pollSamples))
    }
}
