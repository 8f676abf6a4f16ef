/// The decision step's answer (`session/decision`), read leniently: an unknown speaker id is ignored (the
/// turn policy picks then) and missing flags are false.
public enum SessionDecision {
    public static func read(_ json: JSONValue?, participants: [PersonaID]) -> ConversationState.Decision {
        let addressed = json?["next_speaker"]?.stringValue.map(PersonaID.init).flatMap {
            participants.contains($0) ? $0 : nil
        }
        var desires: [PersonaID: Double] = [:]
        for entry in json?["desires"]?.arrayValue ?? [] {
            guard let id = entry["persona_id"]?.stringValue.map(PersonaID.init), participants.contains(id),
                let desire = entry["desire"]?.numberValue, desire.isFinite
            else { continue }
            desires[id] = min(max(desire, 0), 1)
        }
        return ConversationState.Decision(
            addressed: addressed, desires: desires, questionExhausted: json?["question_exhausted"]?.boolValue ?? false,
            probe: json?["probe"]?.boolValue ?? false)
    }
}
