/// Every series Cohorta exports, as a fixed catalog. A segment stores only a family's `id` and the
/// rendered label set, so every process of one build agrees on names, kinds and buckets.
public struct MetricFamily: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    public let id: UInt16
    public let name: String
    public let help: String
    public let kind: Kind
    /// Stored values are integers; the exported value is the stored one divided by `scale`
    /// (durations are stored in nanoseconds, costs in micro-USD).
    public let scale: Double
    /// Upper bounds of a histogram's buckets in exported units (`+Inf` is implicit); at most
    /// `MetricsLayout.maximumBuckets`.
    public let buckets: [Double]

    init(_ id: UInt16, _ name: String, _ kind: Kind, scale: Double = 1, buckets: [Double] = [], help: String) {
        precondition(buckets.count <= MetricsLayout.maximumBuckets, "too many buckets for \(name)")
        self.id = id
        self.name = name
        self.help = help
        self.kind = kind
        self.scale = scale
        self.buckets = buckets
    }

    public static func == (lhs: MetricFamily, rhs: MetricFamily) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Folded into a retired segment when its process dies (gauges die with their process).
    var survivesProcess: Bool { kind != .gauge }
}

extension MetricFamily {
    static let nanoseconds = 1e9
    static let latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    static let llmBuckets = [0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120]
    /// From a same-host MongoDB push (about a millisecond) to a watcher that stalled and resumed.
    static let deliveryBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

    public static let httpRequests = MetricFamily(
        1, "cohorta_http_requests_total", .counter, help: "FastCGI requests answered, by route pattern.")
    public static let httpDuration = MetricFamily(
        2, "cohorta_http_request_duration_seconds", .histogram, scale: nanoseconds, buckets: latencyBuckets,
        help: "Time from accept to the last byte written, by route pattern.")
    public static let workerRestarts = MetricFamily(
        3, "cohorta_worker_restarts_total", .counter, help: "Workers the supervisor respawned after they died.")
    public static let runnerLeases = MetricFamily(
        4, "cohorta_runner_leases_active", .gauge, help: "Tasks the runner processes hold a lease on now.")
    public static let llmCalls = MetricFamily(
        5, "cohorta_llm_calls_total", .counter, help: "LLM gateway calls by model and outcome.")
    public static let llmDuration = MetricFamily(
        6, "cohorta_llm_call_duration_seconds", .histogram, scale: nanoseconds, buckets: llmBuckets,
        help: "LLM gateway call duration (retries and repairs included).")
    public static let llmTokens = MetricFamily(
        7, "cohorta_llm_tokens_total", .counter, help: "LLM tokens spent, by model and kind (prompt, completion).")
    public static let llmCost = MetricFamily(
        8, "cohorta_llm_cost_usd_total", .counter, scale: 1e6, help: "LLM spend in USD at the prices in force.")
    public static let wsConnections = MetricFamily(
        9, "cohorta_ws_connections", .gauge, help: "Open WebSocket connections.")
    public static let wsDeliveryLag = MetricFamily(
        10, "cohorta_ws_delivery_lag_seconds", .histogram, scale: nanoseconds, buckets: deliveryBuckets,
        help: "Time from a database change to its frame being handed to the last WebSocket it reached.")
    public static let changeStreamRestarts = MetricFamily(
        11, "cohorta_change_stream_restarts_total", .counter, help: "Change streams reopened after a failure.")
    public static let tasksQueued = MetricFamily(
        12, "cohorta_tasks_queued", .gauge, help: "Tasks waiting for a runner (read from MongoDB at scrape time).")
    public static let taskQueueOldestAge = MetricFamily(
        13, "cohorta_task_queue_oldest_age_seconds", .gauge,
        help: "Age of the oldest queued task (read from MongoDB at scrape time; 0 when none).")
    public static let seriesDropped = MetricFamily(
        14, "cohorta_metrics_series_dropped_total", .counter,
        help: "Samples lost because a segment was full or a label set too long.")

    /// In exposition order.
    public static let all: [MetricFamily] = [
        httpRequests, httpDuration, workerRestarts, runnerLeases, llmCalls, llmDuration, llmTokens, llmCost,
        wsConnections, wsDeliveryLag, changeStreamRestarts, tasksQueued, taskQueueOldestAge, seriesDropped,
    ]

    static let byID: [UInt16: MetricFamily] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
}
