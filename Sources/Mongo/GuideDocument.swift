internal import BSON
internal import Domain

/// A discussion guide as stored inside its focus group: the API's field names, exact integers. It was
/// validated when written, so reading it back does not validate again.
struct GuideDocument: Codable {
    struct Section: Codable {
        var id: String
        var title: String
        var goal: String
        var minutes: Int64
        var turnBudget: Int64
        var questions: [Question]
        var poll: Poll?

        enum CodingKeys: String, CodingKey {
            case id, title, goal, minutes, questions, poll
            case turnBudget = "turn_budget"
        }
    }

    struct Question: Codable {
        var id: String
        var text: String
        var probes: [String]
    }

    struct Poll: Codable {
        var id: String
        var kind: String
        var question: String
        var options: [String]
        var samples: Int64
    }

    var version: Int64
    var introduction: String
    var sections: [Section]
    var closing: String

    init(_ guide: DiscussionGuide) {
        version = Int64(guide.version)
        introduction = guide.introduction
        closing = guide.closing
        sections = guide.sections.map { section in
            Section(
                id: section.id, title: section.title, goal: section.goal, minutes: Int64(section.minutes),
                turnBudget: Int64(section.turnBudget),
                questions: section.questions.map { Question(id: $0.id, text: $0.text, probes: $0.probes) },
                poll: section.poll.map {
                    Poll(
                        id: $0.id, kind: $0.kind.rawValue, question: $0.question, options: $0.options,
                        samples: Int64($0.samples))
                })
        }
    }

    func domain(in group: ObjectID) throws -> DiscussionGuide {
        DiscussionGuide(
            version: Int(version), introduction: introduction,
            sections: try sections.map { section in
                GuideSection(
                    id: section.id, title: section.title, goal: section.goal, minutes: Int(section.minutes),
                    turnBudget: Int(section.turnBudget),
                    questions: section.questions.map { GuideQuestion(id: $0.id, text: $0.text, probes: $0.probes) },
                    poll: try section.poll.map { poll in
                        guard let kind = GuidePoll.Kind(rawValue: poll.kind) else {
                            throw FocusGroupDocument.corrupt(group, "poll kind \(poll.kind)")
                        }
                        return GuidePoll(
                            id: poll.id, kind: kind, question: poll.question, options: poll.options,
                            samples: Int(poll.samples))
                    })
            }, closing: closing)
    }
}
