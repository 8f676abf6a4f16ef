/// How far a `persona_generation` task got, as persisted after stage 1 and after every persona: the
/// stage-1 drafts, how many were regenerated as near-duplicates, and each finished persona's outcome.
/// The decisions a run makes from it are pure (`nextSteps`, `admits`, `progress`, `result`), so a resumed
/// run redoes nothing that finished and charges nothing twice.
public struct PanelGenerationCheckpoint: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Saved; `charged` is nil until its ledger debit went through (a crash in between charges it on resume).
        case created(PersonaID, name: String, charged: Credits?)
        /// Not saved and not charged.
        case failed(PanelGenerationFailure)
    }

    /// What a run does next.
    public enum Step: Sendable, Equatable {
        /// Stage 1: draft every profile (one mini call, plus one to regenerate near-duplicates).
        case draft
        /// Debit a persona saved by an earlier run that stopped before charging it.
        case charge(index: Int)
        /// Stage 2: write the persona at this index (a detail call, save, charge).
        case write(index: Int)
        /// Everything has an outcome: build the result.
        case finish
    }

    /// Stage-1 profiles by persona index; nil until stage 1 finished.
    public private(set) var drafts: [JSONValue]?
    public private(set) var regenerated: Int
    public private(set) var outcomes: [Int: Outcome]

    public init(drafts: [JSONValue]? = nil, regenerated: Int = 0, outcomes: [Int: Outcome] = [:]) {
        self.drafts = drafts
        self.regenerated = regenerated
        self.outcomes = outcomes
    }

    // MARK: - Decisions

    /// The steps left, in order: the draft, then charges left over by a crash, then the personas to write.
    public func nextSteps(count: Int) -> [Step] {
        guard drafts != nil else { return [.draft] }
        let charges = outcomes.keys.sorted().compactMap { index -> Step? in
            guard case .created(_, _, nil) = outcomes[index] else { return nil }
            return .charge(index: index)
        }
        let writes = (0..<count).filter { outcomes[$0] == nil }.map { Step.write(index: $0) }
        let steps = charges + writes
        return steps.isEmpty ? [.finish] : steps
    }

    /// Whether a detail call may start: the balance must cover this persona on top of those already being
    /// written (`reserved`), so parallel writers never spend on personas that could not be paid for.
    public static func admits(balance: Credits, reserved: Int, cost: Credits) -> Bool {
        balance.value - Int64(reserved) * cost.value >= cost.value
    }

    /// done = stage 1 (one step) + finished personas, of count + 1.
    public func progress(count: Int) -> TaskProgress {
        guard drafts != nil else {
            return TaskProgress(done: 0, total: count + 1, message: "Drafting \(count) profiles")
        }
        let finished = outcomes.count
        let message =
            finished >= count ? "Finishing the panel" : "Writing persona \(finished + 1) of \(count)"
        return TaskProgress(done: 1 + finished, total: count + 1, message: message)
    }

    // MARK: - Events

    public mutating func drafted(_ drafts: [JSONValue], regenerated: Int) {
        self.drafts = drafts
        self.regenerated = regenerated
    }

    public mutating func created(_ index: Int, persona: PersonaID, name: String) {
        outcomes[index] = .created(persona, name: name, charged: nil)
    }

    public mutating func charged(_ index: Int, amount: Credits) {
        guard case .created(let id, let name, _) = outcomes[index] else { return }
        outcomes[index] = .created(id, name: name, charged: amount)
    }

    public mutating func failed(_ index: Int, _ failure: PanelGenerationFailure) {
        outcomes[index] = .failed(failure)
    }

    /// The persona ids saved so far, by index.
    public var createdPersonas: [Int: PersonaID] {
        outcomes.compactMapValues { if case .created(let id, _, _) = $0 { id } else { nil } }
    }

    /// The ledger key of one persona's debit: the same for every run of the task, so it applies once.
    public static func chargeKey(task: TaskID, index: Int) -> IdempotencyKey? {
        IdempotencyKey("persona-generation:\(task.rawValue):\(index)")
    }
}
