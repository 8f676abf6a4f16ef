import Domain

/// Runs `persona_modification` tasks: one main-tier call of prompts/persona/modify.md with the persona and
/// the instruction as data, then `PersonaModificationReview` keeps the changes a PATCH would accept.
/// Writes nothing: the result is a diff the user accepts change by change. One step, so no checkpoint; a
/// resumed run asks again (the gateway replays an identical request from `llm_calls`).
struct PersonaModificationExecutor: TaskExecutor {
    static let failed = TaskFailure.Code("modification_failed")
    static let personaGone = TaskFailure.Code("persona_not_found")

    let kind = PersonaModification.kind
    let personas: any PersonaStore
    let llm: any LLMClient
    let prompts: PromptLibrary

    func run(_ task: TaskRecord, context: any TaskContext) throws -> JSONValue {
        guard let id = task.input["persona_id"]?.stringValue.map(PersonaID.init),
            let instruction = task.input["instruction"]?.stringValue
        else { throw TaskFailure(Self.failed, "The task has no persona or instruction.") }
        guard let persona = try personas.persona(id: id, owner: task.userID) else {
            throw TaskFailure(Self.personaGone, "The persona no longer exists.")
        }
        try context.report(TaskProgress(done: 0, total: 1, message: "Working out the changes"))
        let request = try prompts.template(named: PersonaModification.templateName).request(
            for: .personaModification,
            variables: [
                "persona": PersonaModification.promptPersona(persona.profile).serialized, "instruction": instruction,
            ],
            attribution: UsageAttribution(userID: task.userID, objectReference: "persona:\(id.rawValue)"))
        let answer: JSONValue
        do {
            guard let json = try llm.complete(request, cancellation: context.cancellation, onDelta: nil).json else {
                throw TaskFailure(Self.failed, "The model gave no usable answer; try again.")
            }
            answer = json
        } catch let error as DomainError where error.code == .unavailable {
            throw TaskFailure(Self.failed, "The model could not suggest changes right now; try again later.")
        }
        try context.throwIfCancelled()
        let review = PersonaModificationReview(answer: answer, current: persona.profile)
        try context.report(
            TaskProgress(done: 1, total: 1, message: "\(review.changes.count) changes suggested"))
        return review.result(for: id)
    }
}
