/// The checkpoint as stored on the task: `{drafts: [..]|null, regenerated, outcomes: [{index, status,
/// persona_id?, name?, charged?, error?: {code, message}}]}`; `.null` (a first run) is the empty checkpoint.
extension PanelGenerationCheckpoint {
    public var json: JSONValue {
        .object([
            ("drafts", drafts.map { .array($0) } ?? .null),
            ("regenerated", .number(Double(regenerated))),
            (
                "outcomes",
                .array(outcomes.keys.sorted().compactMap { index in outcomes[index].map { entry(index, $0) } })
            ),
        ])
    }

    public init(json: JSONValue) throws {
        guard json != .null else {
            self.init()
            return
        }
        guard let regenerated = json["regenerated"]?.intValue, let entries = json["outcomes"]?.arrayValue else {
            throw TaskFailure.internal
        }
        var outcomes: [Int: Outcome] = [:]
        for entry in entries {
            guard let index = entry["index"]?.intValue else { throw TaskFailure.internal }
            outcomes[index] = try Self.outcome(entry)
        }
        self.init(drafts: json["drafts"]?.arrayValue, regenerated: regenerated, outcomes: outcomes)
    }

    private func entry(_ index: Int, _ outcome: Outcome) -> JSONValue {
        switch outcome {
        case .created(let id, let name, let charged):
            .object([
                ("index", .number(Double(index))), ("status", .string("created")), ("persona_id", .string(id.rawValue)),
                ("name", .string(name)), ("charged", charged.map { .number(Double($0.value)) } ?? .null),
            ])
        case .failed(let failure):
            .object([
                ("index", .number(Double(index))), ("status", .string("failed")),
                ("error", .object([("code", .string(failure.code)), ("message", .string(failure.message))])),
            ])
        }
    }

    private static func outcome(_ entry: JSONValue) throws -> Outcome {
        switch entry["status"]?.stringValue {
        case "created":
            guard let id = entry["persona_id"]?.stringValue, let name = entry["name"]?.stringValue else {
                throw TaskFailure.internal
            }
            return .created(
                PersonaID(id), name: name, charged: entry["charged"]?.intValue.map { Credits(Int64($0)) })
        case "failed":
            guard let code = entry["error"]?["code"]?.stringValue, let message = entry["error"]?["message"]?.stringValue
            else { throw TaskFailure.internal }
            return .failed(PanelGenerationFailure(code: code, message: message))
        default:
            throw TaskFailure.internal
        }
    }
}
