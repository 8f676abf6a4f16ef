/// The decision step's answer (`session/decision`), read strictly. The answer steers the run (who speaks,
/// whether a question ends), and the model that wrote it read participants' words, so it is treated as
/// untrusted control output: it is used only when it is exactly the schema's shape and every id it names
/// is one of the session's participants. Anything else (a speaker who is not in the group, a desire out of
/// 0…1 or for an unknown id, an extra or missing key, a wrong type) rejects the whole answer: the run then
/// falls back to `ConversationState.Decision.fallback`, the turn policy's own deterministic choice, and
/// reports the problems (`SessionRunEvent.decisionRejected`).
public enum SessionDecision {
    /// What was read: the decision to apply, and why the answer was rejected (empty when it was used).
    public struct Reading: Sendable, Hashable {
        public let decision: ConversationState.Decision
        public let problems: [String]

        public var isValid: Bool { problems.isEmpty }
    }

    static let keys: Set<String> = ["next_speaker", "desires", "question_exhausted", "probe", "reason"]
    static let desireKeys: Set<String> = ["persona_id", "desire"]
    /// Longer reasons are refused: the reason goes to logs, and a sentence is all it should be.
    public static let maximumReasonLength = 1_000

    public static func read(_ json: JSONValue?, participants: [PersonaID]) -> Reading {
        guard case .object(let members) = json else {
            return Reading(decision: .fallback, problems: ["the answer is not a JSON object"])
        }
        var problems: [String] = []
        let names = members.map(\.0)
        let unknown = names.filter { !keys.contains($0) }
        if !unknown.isEmpty { problems.append("unexpected keys \(unknown.sorted())") }
        let missing = keys.subtracting(names)
        if !missing.isEmpty { problems.append("missing keys \(missing.sorted())") }
        if Set(names).count != names.count { problems.append("a key is repeated") }

        var addressed: PersonaID?
        switch json?["next_speaker"] {
        case .none, .null?: break
        case .string(let raw)?:
            let id = PersonaID(raw)
            if participants.contains(id) {
                addressed = id
            } else {
                problems.append("next_speaker is not a participant")
            }
        case _?: problems.append("next_speaker is neither a persona id nor null")
        }
        let desires = readDesires(json?["desires"], participants: participants, problems: &problems)
        let exhausted = flag(json?["question_exhausted"], "question_exhausted", &problems)
        let probe = flag(json?["probe"], "probe", &problems)
        if let reason = json?["reason"], reason.stringValue.map({ $0.count > maximumReasonLength }) ?? true {
            problems.append("reason is not a short text")
        }
        guard problems.isEmpty else { return Reading(decision: .fallback, problems: problems) }
        return Reading(
            decision: ConversationState.Decision(
                addressed: addressed, desires: desires, questionExhausted: exhausted, probe: probe),
            problems: [])
    }

    private static func readDesires(
        _ json: JSONValue?, participants: [PersonaID], problems: inout [String]
    ) -> [PersonaID: Double] {
        guard let json else { return [:] }
        guard let entries = json.arrayValue else {
            problems.append("desires is not a list")
            return [:]
        }
        var desires: [PersonaID: Double] = [:]
        for (index, entry) in entries.enumerated() {
            guard case .object(let members) = entry, Set(members.map(\.0)) == desireKeys, members.count == 2,
                let raw = entry["persona_id"]?.stringValue, let desire = entry["desire"]?.numberValue
            else {
                problems.append("desires[\(index)] is not {persona_id, desire}")
                continue
            }
            let id = PersonaID(raw)
            if !participants.contains(id) {
                problems.append("desires[\(index)] names someone who is not a participant")
            } else if !(desire.isFinite && (0...1).contains(desire)) {
                problems.append("desires[\(index)] is outside 0…1")
            } else if desires.updateValue(desire, forKey: id) != nil {
                problems.append("desires[\(index)] repeats a participant")
            }
        }
        return desires
    }

    private static func flag(_ json: JSONValue?, _ name: String, _ problems: inout [String]) -> Bool {
        switch json {
        case .none: return false
        case .bool(let value)?: return value
        case _?:
            problems.append("\(name) is not true or false")
            return false
        }
    }
}

extension ConversationState.Decision {
    /// What the run uses when the decision step's answer is rejected or unavailable: no suggestion, no
    /// wishes, the question goes on (its turn budget still ends it), no probe. The turn policy then picks
    /// the next speaker by its own fairness rules (round-robin order, or whoever has been silent longest).
    public static let fallback = ConversationState.Decision(
        addressed: nil, desires: [:], questionExhausted: false, probe: false)
}
