import Dispatch
import Domain
import Foundation
import Synchronization

/// Runs `persona_generation` tasks (see CONTRACT-3b and `PanelGenerationCheckpoint`). Stage 1 drafts every
/// profile with one mini call and regenerates near-duplicates once; stage 2 writes the personas on up to
/// `parallelism` OS threads (blocking LLM calls, never Swift tasks). Each persona is saved, checkpointed,
/// charged under the key `persona-generation:<task>:<index>`, and checkpointed again, so a resumed run
/// neither redoes nor re-charges it. Every decision comes from the pure checkpoint; this type does the I/O.
struct PersonaGenerationExecutor: TaskExecutor {
    /// The state the writer threads share, guarded by `Run.state`'s lock. The lock is held for the short
    /// store writes (balance read, save, charge, checkpoint), never across an LLM call.
    private struct Shared {
        var checkpoint: PanelGenerationCheckpoint
        var queue: [Int]
        /// Personas admitted whose charge has not happened yet: their cost is reserved from the balance.
        var inFlight = 0
        /// Set when a thread must stop every writer: cancellation, a lost lease, the runner stopping.
        var stop: TaskFailure?
    }

    /// One task's run: its input, context, customer data (loaded once) and shared state.
    private final class Run: Sendable {
        let task: TaskRecord
        let input: PanelGenerationInput
        let context: any TaskContext
        let customerData: CustomerDataset?
        let state: Mutex<Shared>  // guards the checkpoint, the queue and the reservations

        init(
            task: TaskRecord, input: PanelGenerationInput, context: any TaskContext, customerData: CustomerDataset?,
            checkpoint: PanelGenerationCheckpoint
        ) {
            self.task = task
            self.input = input
            self.context = context
            self.customerData = customerData
            state = Mutex(Shared(checkpoint: checkpoint, queue: []))
        }

        /// The `customer_rows` of one call: at most `CustomerDataset.rowsPerPrompt` rows picked by its seed.
        func customerRows(seed: Int) -> String { customerData?.promptCSV(seed: seed) ?? "" }

        var attribution: UsageAttribution {
            UsageAttribution(userID: task.userID, objectReference: "task:\(task.id.rawValue)")
        }

        /// Persists the checkpoint with its progress; the caller holds the lock (it passes the state in).
        func save(_ shared: Shared) throws {
            try context.checkpoint(shared.checkpoint.json, progress: shared.checkpoint.progress(count: input.count))
        }
    }

    let kind = PanelGenerationLaunch.kind
    private let services: RunnerServices
    private let creation: PersonaCreation
    private let parallelism: Int

    init(services: RunnerServices, parallelism: Int = 4) {
        self.services = services
        creation = PersonaCreation(
            personas: services.ports.personas, folders: services.ports.folders, clock: services.ports.clock)
        self.parallelism = max(1, parallelism)
    }

    func run(_ task: TaskRecord, context: any TaskContext) throws -> JSONValue {
        let input = try PanelGenerationInput(json: task.input)
        let run = Run(
            task: task, input: input, context: context, customerData: try customerData(for: task, input: input),
            checkpoint: try PanelGenerationCheckpoint(json: task.checkpoint))
        try context.throwIfCancelled()
        if run.state.withLock({ $0.checkpoint.nextSteps(count: input.count) }) == [.draft] {
            try context.report(PanelGenerationCheckpoint().progress(count: input.count))
            let (drafts, regenerated) = try draft(run)
            try run.state.withLock { shared in
                shared.checkpoint.drafted(drafts, regenerated: regenerated)
                try run.save(shared)
            }
        }
        var writes: [Int] = []
        for step in run.state.withLock({ $0.checkpoint.nextSteps(count: input.count) }) {
            switch step {
            case .charge(let index): try run.state.withLock { try charge(index, in: run, shared: &$0) }
            case .write(let index): writes.append(index)
            case .draft, .finish: break
            }
        }
        if !writes.isEmpty { try writeInParallel(writes, run: run) }
        let checkpoint = run.state.withLock { $0.checkpoint }
        let profiles = try checkpoint.createdPersonas.keys.sorted().compactMap { index in
            try checkpoint.createdPersonas[index].flatMap {
                try services.ports.personas.persona(id: $0, owner: task.userID)?.profile
            }
        }
        return checkpoint.result(count: input.count, profiles: profiles, plan: input.plan)
    }

    /// The dataset the panel is grounded in; the task fails when it was deleted after the task was queued.
    private func customerData(for task: TaskRecord, input: PanelGenerationInput) throws -> CustomerDataset? {
        guard let id = input.customerDataID else { return nil }
        guard let dataset = try services.ports.customerData.dataset(id: id, owner: task.userID) else {
            throw TaskFailure(
                TaskFailure.Code("customer_data_missing"), "The customer data was deleted before the panel was written."
            )
        }
        return dataset
    }

    // MARK: - Stage 1

    /// The drafts, and how many were regenerated as near-duplicates. Fails the task when the first call fails
    /// (nothing was spent on personas yet); a failed regeneration keeps the original drafts.
    private func draft(_ run: Run) throws -> ([JSONValue], Int) {
        let input = run.input
        let slots = input.slots
        var drafts: [JSONValue]
        do {
            drafts = try profiles(for: slots, run: run, seed: input.seed)
        } catch let failure as TaskFailure {
            throw failure
        } catch let error as DomainError where error.code == .quotaExceeded {
            throw TaskFailure(quotaExceeded: error)
        } catch {
            let reason = (error as? DomainError)?.message ?? "The model's answer was unusable."
            throw TaskFailure(TaskFailure.Code("generation_failed"), "The profiles could not be drafted. \(reason)")
        }
        let duplicates = PanelGenerationDrafts.nearDuplicates(drafts, plan: input.plan)
        guard !duplicates.isEmpty else { return (drafts, 0) }
        try run.context.throwIfCancelled()
        guard
            let replacements = try? profiles(
                for: duplicates.map { slots[$0] }, run: run, seed: input.seed &+ 1)
        else { return (drafts, 0) }
        for (index, replacement) in zip(duplicates, replacements) { drafts[index] = replacement }
        return (drafts, duplicates.count)
    }

    private func profiles(for slots: [[String: String]], run: Run, seed: Int) throws -> [JSONValue] {
        let template = try services.prompts.template(named: PanelGenerationDrafts.basicProfilesTemplate)
        let request = try template.request(
            for: .personaBasicProfiles,
            variables: PanelGenerationDrafts.basicProfileVariables(
                brief: run.input.brief, slots: slots, plan: run.input.plan, customerRows: run.customerRows(seed: seed)),
            attribution: run.attribution, seed: seed)
        return try PanelGenerationDrafts.drafts(
            from: services.llm.complete(request, cancellation: run.context.cancellation, onDelta: nil).json,
            count: slots.count)
    }

    // MARK: - Stage 2

    /// Writes `indices` on up to `parallelism` threads and waits for them; rethrows a stop (cancellation,
    /// lost lease, runner stopping) once every thread has ended.
    private func writeInParallel(_ indices: [Int], run: Run) throws {
        run.state.withLock { $0.queue = indices }
        let group = DispatchGroup()
        for _ in 0..<min(parallelism, indices.count) {
            group.enter()
            Thread { [self] in
                writerLoop(run)
                group.leave()
            }.start()
        }
        group.wait()
        if let stop = run.state.withLock({ $0.stop }) { throw stop }
    }

    /// One writer thread: takes the next index until the queue is empty or the run stops.
    private func writerLoop(_ run: Run) {
        while true {
            guard let index = run.state.withLock({ $0.stop == nil && !$0.queue.isEmpty ? $0.queue.removeFirst() : nil })
            else { return }
            do {
                if run.context.isCancelled { throw TaskFailure.cancelled }
                try write(index, run: run)
            } catch {
                let failure = error as? TaskFailure ?? .internal
                run.state.withLock { $0.stop = $0.stop ?? failure }
                return
            }
        }
    }

    /// One persona: admission against the balance, the detail call (lock released), then save and charge.
    private func write(_ index: Int, run: Run) throws {
        let input = run.input
        let admitted = try run.state.withLock { shared -> Bool in
            let balance = try services.ports.users.user(id: run.task.userID)?.creditsBalance ?? .zero
            guard PanelGenerationCheckpoint.admits(balance: balance, reserved: shared.inFlight, cost: input.cost)
            else {
                shared.checkpoint.failed(index, .insufficientCredits)
                try run.save(shared)
                return false
            }
            shared.inFlight += 1
            return true
        }
        guard admitted else { return }
        let drafts = run.state.withLock { $0.checkpoint.drafts ?? [] }
        let profile: PersonaProfile
        do {
            profile = try detail(index, drafts: drafts, run: run)
        } catch let stop as TaskFailure {
            // Cancelled mid-call: the persona did not fail, the run stops.
            run.state.withLock { $0.inFlight -= 1 }
            throw stop
        } catch {
            try run.state.withLock { shared in
                shared.inFlight -= 1
                // The database did not answer: the persona did not fail; the task resumes from its checkpoint.
                if (error as? DomainError)?.isDatabaseUnreachable == true { throw TaskFailure.interrupted }
                shared.checkpoint.failed(index, PanelGenerationFailure(error))
                try run.save(shared)
            }
            return
        }
        try run.state.withLock { shared in
            defer { shared.inFlight -= 1 }
            let persona: Persona
            do {
                persona = try creation(
                    by: run.task.userID, profile: profile, in: input.folderID,
                    generation: PersonaGeneration(taskID: run.task.id.rawValue, brief: input.brief))
            } catch {
                if (error as? DomainError)?.isDatabaseUnreachable == true { throw TaskFailure.interrupted }
                shared.checkpoint.failed(index, PanelGenerationFailure(error))
                try run.save(shared)
                return
            }
            shared.checkpoint.created(index, persona: persona.id, name: persona.profile.name)
            try run.save(shared)
            try charge(index, in: run, shared: &shared)
        }
    }

    private func detail(_ index: Int, drafts: [JSONValue], run: Run) throws -> PersonaProfile {
        let template = try services.prompts.template(named: PanelGenerationDrafts.detailTemplate)
        let seed = run.input.seed &+ 2 &+ index
        let request = try template.request(
            for: .personaDetail,
            variables: PanelGenerationDrafts.detailVariables(
                brief: run.input.brief, drafts: drafts, index: index, customerRows: run.customerRows(seed: seed)),
            attribution: run.attribution, seed: seed)
        let answer = try services.llm.complete(request, cancellation: run.context.cancellation, onDelta: nil)
        return try PanelGenerationDrafts.profile(
            draft: drafts[index], detail: answer.json, rowCount: run.customerData?.rows.count ?? 0)
    }

    /// Debits a saved persona (idempotently) and checkpoints it. When the balance no longer covers it (the
    /// user spent credits elsewhere meanwhile) the persona is deleted and fails: a failed persona costs nothing.
    /// The caller holds the lock.
    private func charge(_ index: Int, in run: Run, shared: inout Shared) throws {
        guard case .created(let id, let name, nil) = shared.checkpoint.outcomes[index],
            let key = PanelGenerationCheckpoint.chargeKey(task: run.task.id, index: index)
        else { return }
        let change = LedgerChange(
            userID: run.task.userID, amount: -run.input.cost, kind: .debit, reason: "Persona \"\(name)\" generated",
            idempotencyKey: key, at: services.ports.clock.now)
        do {
            _ = try services.ports.ledger.apply(change)
            shared.checkpoint.charged(index, amount: run.input.cost)
        } catch let error as DomainError where error.code == .insufficientCredits {
            _ = try services.ports.personas.delete([id], owner: run.task.userID)
            shared.checkpoint.failed(index, .insufficientCredits)
        }
        try run.save(shared)
    }
}
