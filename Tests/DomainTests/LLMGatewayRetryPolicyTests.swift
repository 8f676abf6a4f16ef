import Domain
import Testing

struct LLMGatewayRetryPolicyTests {
    let policy = RetryPolicy.standard

    @Test func backOffDoublesFromHalfASecondWithEqualJitter() {
        let failure = LLMTransportError(.server(status: 503))
        #expect(policy.decision(afterAttempt: 1, failedWith: failure, random: 0) == .retry(after: .milliseconds(250)))
        #expect(policy.decision(afterAttempt: 1, failedWith: failure, random: 0.5) == .retry(after: .milliseconds(375)))
        #expect(policy.decision(afterAttempt: 2, failedWith: failure, random: 0) == .retry(after: .milliseconds(500)))
        guard case .retry(let third) = policy.decision(afterAttempt: 3, failedWith: failure, random: 0.999) else {
            Issue.record("a third failure is retried")
            return
        }
        #expect(third >= .seconds(1) && third < .seconds(2))
    }

    @Test func backOffIsCappedAtTheMaximumDelay() {
        let long = RetryPolicy(
            maxAttempts: 20, baseDelay: .seconds(1), maxDelay: .seconds(8), maxRetryAfter: .seconds(60))
        #expect(
            long.decision(afterAttempt: 15, failedWith: LLMTransportError(.timeout), random: 1)
                == .retry(after: .seconds(8)))
    }

    @Test func retryAfterIsALowerBound() {
        let limited = LLMTransportError(.rateLimited(retryAfter: .seconds(3)))
        #expect(policy.decision(afterAttempt: 1, failedWith: limited, random: 0.9) == .retry(after: .seconds(3)))
        let short = LLMTransportError(.rateLimited(retryAfter: .milliseconds(1)))
        #expect(policy.decision(afterAttempt: 2, failedWith: short, random: 0) == .retry(after: .milliseconds(500)))
    }

    @Test func retryAfterLongerThanTheLimitGivesUpAtOnce() {
        let limited = LLMTransportError(.rateLimited(retryAfter: .seconds(61)))
        #expect(policy.decision(afterAttempt: 1, failedWith: limited, random: 0) == .giveUp)
    }

    @Test(arguments: [
        LLMTransportError.Kind.rateLimited(retryAfter: nil), .server(status: 500), .server(status: 599), .timeout,
        .network,
    ])
    func transientFailuresAreRetried(kind: LLMTransportError.Kind) {
        #expect(policy.decision(afterAttempt: 1, failedWith: LLMTransportError(kind), random: 0) != .giveUp)
    }

    @Test(arguments: [
        LLMTransportError.Kind.rejected(status: 400), .rejected(status: 401), .rejected(status: nil),
        .invalidResponse,
    ])
    func permanentFailuresAreNotRetried(kind: LLMTransportError.Kind) {
        #expect(policy.decision(afterAttempt: 1, failedWith: LLMTransportError(kind), random: 0) == .giveUp)
    }

    @Test func theFourthFailedAttemptIsTheLast() {
        let failure = LLMTransportError(.network)
        #expect(policy.decision(afterAttempt: 3, failedWith: failure, random: 0) != .giveUp)
        #expect(policy.decision(afterAttempt: 4, failedWith: failure, random: 0) == .giveUp)
    }
}
