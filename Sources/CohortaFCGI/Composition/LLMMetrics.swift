import Domain
import Metrics

/// `LLMCallObserver` over this process's metrics segment: calls by model and outcome, their duration,
/// tokens by kind and cost.
struct LLMMetrics: LLMCallObserver {
    let segment: MetricsSegment

    func llmCallFinished(_ report: LLMCallReport) {
        segment.add(.llmCalls) {
            $0.label("model", report.model)
            $0.label("outcome", report.outcome.rawValue)
        }
        segment.observe(.llmDuration, report.seconds) { $0.label("model", report.model) }
        for (kind, tokens) in [("prompt", report.usage.promptTokens), ("completion", report.usage.completionTokens)] {
            segment.add(.llmTokens, Int64(tokens)) {
                $0.label("model", report.model)
                $0.label("kind", kind)
            }
        }
        segment.add(.llmCost, report.cost.value) { $0.label("model", report.model) }
    }
}
