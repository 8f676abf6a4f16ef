import Foundation

/// The LLM as every feature uses it. For one request it:
/// 1. resolves the model from the feature's tier and hashes the request (model, template, messages,
///    schema, temperature, seed, max tokens);
/// 2. serves an identical earlier answer from `llm_calls` when there is one (zero tokens, a usage row
///    marked `replayed`);
/// 3. refuses with `DomainError.quotaExceeded` (402) when the user's spend this UTC month reached their
///    limit (`SpendingQuota`), and again before each repair turn counting what the call spent so far. The
///    check is before a call, not during it: a call that starts under the limit may finish over it;
/// 4. otherwise sends it through the transport, retrying transient failures per `RetryPolicy`;
/// 5. checks the answer (JSON + schema); a rejected answer gets a repair turn ("your answer was invalid
///    because …"), at most `maxRepairs` times;
/// 6. records the accepted answer in `llm_calls` and the tokens and cost in `usage_events`. Tokens spent on
///    a call that fails in the end are recorded in `usage_events` too: they were paid for.
///
/// Thread: `complete` runs on the caller's OS thread (runner threads, concurrently); the gateway holds no
/// mutable state and every port is thread-safe. It blocks while the transport streams and while backing off.
public struct LLMGateway: LLMClient {
    private let transport: any LLMTransport
    private let calls: any LLMCallStore
    private let usageEvents: any UsageEventStore
    private let pricing: any ModelPricingStore
    /// Internal, not private: `LLMGateway+Support` hashes with it.
    let digest: any Digest
    private let sleeper: any Sleeper
    private let clock: any Clock
    private let models: LLMModelNames
    private let retryPolicy: RetryPolicy
    private let maxRepairs: Int
    /// Uniform in [0, 1): the back-off jitter.
    private let random: @Sendable () -> Double
    /// Nil: no spend limit (tests of other behaviour).
    private let quota: SpendingQuota?
    /// Told about every finished call (metrics); nil: nobody.
    private let observer: (any LLMCallObserver)?

    public init(
        transport: any LLMTransport, calls: any LLMCallStore, usageEvents: any UsageEventStore,
        pricing: any ModelPricingStore, digest: any Digest, sleeper: any Sleeper, clock: any Clock,
        models: LLMModelNames, retryPolicy: RetryPolicy = .standard, maxRepairs: Int = 2,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, quota: SpendingQuota? = nil,
        observer: (any LLMCallObserver)? = nil
    ) {
        self.transport = transport
        self.calls = calls
        self.usageEvents = usageEvents
        self.pricing = pricing
        self.digest = digest
        self.sleeper = sleeper
        self.clock = clock
        self.models = models
        self.retryPolicy = retryPolicy
        self.maxRepairs = maxRepairs
        self.random = random
        self.quota = quota
        self.observer = observer
    }

    /// `onDelta` gets the attempt's whole text so far each time more of it streams in; a retried or
    /// repaired attempt starts again from nothing (its first text is short again), so a caller showing the
    /// text replaces it each time. The returned `content` is the one to keep. A replay streams nothing.
    /// Throws `DomainError.unavailable` when the provider keeps failing or the answer stays invalid, and
    /// `TaskFailure.cancelled` as soon as `cancellation` is requested (an abandoned attempt's tokens are
    /// unknown and not recorded; earlier attempts' are), and `.quotaExceeded` when the user's monthly limit
    /// is reached (a replay is still served: it costs nothing).
    public func complete(
        _ request: LLMRequest, cancellation: CancellationCheck, onDelta: (@Sendable (String) -> Void)?
    ) throws -> LLMResponse {
        let started = clock.now
        var spent = TokenUsage.zero
        var cost = MicroUSD.zero
        do {
            let response = try complete(
                request, cancellation: cancellation, onDelta: onDelta, spent: &spent, cost: &cost)
            report(
                model: response.model, outcome: response.servedFromReplay ? .replayed : .success, since: started,
                spent: response.usage, cost: response.cost)
            return response
        } catch {
            report(
                model: models.model(for: request.tier), outcome: Self.outcome(of: error), since: started, spent: spent,
                cost: cost)
            throw error
        }
    }

    private func report(
        model: String, outcome: LLMCallReport.Outcome, since started: Date, spent: TokenUsage, cost: MicroUSD
    ) {
        observer?.llmCallFinished(
            LLMCallReport(
                model: model, outcome: outcome, seconds: max(0, clock.now.timeIntervalSince(started)), usage: spent,
                cost: cost))
    }

    private static func outcome(of error: any Error) -> LLMCallReport.Outcome {
        if let failure = error as? TaskFailure, failure.code == .cancelled { return .cancelled }
        if let domain = error as? DomainError, domain.code == .quotaExceeded { return .quotaExceeded }
        return .failed
    }

    /// `complete`, reporting the tokens paid for and their cost in `spent` and `cost` even when it throws.
    private func complete(
        _ request: LLMRequest, cancellation: CancellationCheck, onDelta: (@Sendable (String) -> Void)?,
        spent: inout TokenUsage, cost: inout MicroUSD
    ) throws -> LLMResponse {
        let call = LLMCall(
            model: models.model(for: request.tier), messages: request.messages,
            responseSchema: request.responseSchema, schemaName: Self.schemaName(of: request.template),
            temperature: request.temperature, seed: request.seed, maxTokens: request.maxTokens)
        let hash = try requestHash(of: call, template: request.template)
        if let replay = try replay(request, hash: hash) { return replay }
        let room = try quota?.requireRoom(for: request.attribution.userID)

        // The price in force now: later price changes never reprice this call's usage.
        let price = try pricing.pricing(model: call.model, at: clock.now)
        let accepted: (content: String, json: JSONValue?)
        do {
            accepted = try converse(
                call, spent: &spent, cancellation: cancellation, onDelta: onDelta,
                refusingRepair: { spent in room.map { $0.adding(price?.cost(of: spent) ?? .zero) }.flatMap(\.refusal) })
        } catch {
            cost = price?.cost(of: spent) ?? .zero
            if spent.totalTokens > 0 {
                try usageEvents.record(usageEvent(request, model: call.model, spent: spent, price: price))
            }
            throw error
        }
        cost = price?.cost(of: spent) ?? .zero
        try calls.record(
            LLMCallRecord(
                requestHash: hash, model: call.model, template: request.template, feature: request.feature,
                messages: request.messages, content: accepted.content, usage: spent, cost: cost, createdAt: clock.now))
        try usageEvents.record(usageEvent(request, model: call.model, spent: spent, price: price))
        return LLMResponse(
            content: accepted.content, json: accepted.json, model: call.model, usage: spent, cost: cost,
            requestHash: hash, servedFromReplay: false)
    }

    /// The stored answer for `hash`, with its zero-token usage row written; nil on a miss (or a stored
    /// answer that no longer passes the check).
    private func replay(_ request: LLMRequest, hash: String) throws -> LLMResponse? {
        guard let stored = try calls.call(hash: hash),
            case .accepted(let json) = LLMAnswerCheck(content: stored.content, schema: request.responseSchema)
        else { return nil }
        try usageEvents.record(
            UsageEvent(
                userID: request.attribution.userID, feature: request.feature,
                objectReference: request.attribution.objectReference, model: stored.model, usage: .zero, cost: .zero,
                replayed: true, createdAt: clock.now))
        return LLMResponse(
            content: stored.content, json: json, model: stored.model, usage: .zero, cost: .zero, requestHash: hash,
            servedFromReplay: true)
    }

    /// The first accepted answer, after up to `maxRepairs` repair turns; adds every attempt's tokens to `spent`.
    /// Before each repair turn, `refusingRepair` gets the tokens spent so far and may refuse it (the quota).
    private func converse(
        _ call: LLMCall, spent: inout TokenUsage, cancellation: CancellationCheck,
        onDelta: (@Sendable (String) -> Void)?, refusingRepair: (TokenUsage) -> DomainError?
    ) throws -> (content: String, json: JSONValue?) {
        var conversation = call
        var turn = 0
        while true {
            let completion = try sendRetrying(conversation, cancellation: cancellation, onDelta: onDelta)
            spent = spent.adding(completion.usage ?? Self.estimatedUsage(of: conversation, answer: completion.content))
            switch LLMAnswerCheck(content: completion.content, schema: call.responseSchema) {
            case .accepted(let json):
                return (completion.content, json)
            case .rejected(let reasons):
                guard turn < maxRepairs else {
                    throw DomainError(
                        .unavailable, "The AI service gave an answer that could not be used. Please try again.",
                        detail: "answer still invalid after \(maxRepairs) repairs: \(reasons.joined(separator: "; "))")
                }
                if let refusal = refusingRepair(spent) { throw refusal }
                turn += 1
                conversation = conversation.appending([
                    ChatMessage(.assistant, completion.content),
                    LLMAnswerCheck.repairMessage(for: reasons, expectingJSON: call.responseSchema != nil),
                ])
            }
        }
    }

    /// One transport attempt, repeated while `retryPolicy` says so, sleeping between attempts.
    private func sendRetrying(
        _ call: LLMCall, cancellation: CancellationCheck, onDelta: (@Sendable (String) -> Void)?
    ) throws -> LLMCompletion {
        var attempt = 1
        while true {
            if cancellation.isRequested { throw TaskFailure.cancelled }
            do {
                return try transport.send(call, cancellation: cancellation, onDelta: onDelta.map(Self.accumulating))
            } catch let error as LLMTransportError where error.kind == .cancelled {
                throw TaskFailure.cancelled
            } catch let error as LLMTransportError {
                switch retryPolicy.decision(afterAttempt: attempt, failedWith: error, random: random()) {
                case .retry(let delay):
                    guard sleeper.sleep(for: delay, cancellation: cancellation) else { throw TaskFailure.cancelled }
                    attempt += 1
                case .giveUp:
                    throw Self.unavailable(error, attempts: attempt)
                }
            }
        }
    }

    /// The transport's chunks of one attempt turned into its whole text so far.
    private static func accumulating(_ onText: @escaping @Sendable (String) -> Void) -> (String) -> Void {
        var text = ""
        return { chunk in
            text += chunk
            onText(text)
        }
    }

    private func usageEvent(_ request: LLMRequest, model: String, spent: TokenUsage, price: ModelPricing?)
        -> UsageEvent
    {
        UsageEvent(
            userID: request.attribution.userID, feature: request.feature,
            objectReference: request.attribution.objectReference, model: model, usage: spent,
            cost: price?.cost(of: spent) ?? .zero, replayed: false, createdAt: clock.now)
    }
}
