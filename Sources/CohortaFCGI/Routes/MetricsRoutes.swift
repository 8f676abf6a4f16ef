import Foundation
import HTTPCore
import Logging
import Metrics
import Mongo

/// GET /metrics: every process's segment summed (`MetricsSnapshot`) plus the task queue read from MongoDB,
/// as Prometheus text 0.0.4. nginx allows it from loopback only; the route refuses other peers too (404),
/// in case the FastCGI socket is ever reached another way.
struct MetricsRoutes {
    let directory: MetricsDirectory
    let queue: MongoTaskQueueProbe
    let logger: Logger

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/metrics") { request, _, _ in
            guard Self.isLoopback(request.remoteAddress) else { throw HTTPError.notFound() }
            let text = PrometheusText.render(MetricsSnapshot.collect(from: directory), extra: queueSamples())
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: "Content-Type", value: PrometheusText.contentType)
            headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return HTTPResponse(status: .ok, headers: headers, body: Array(text.utf8))
        }
    }

    /// The queue gauges; none when the database does not answer (the scrape still succeeds).
    private func queueSamples() -> [PrometheusText.Sample] {
        do {
            let reading = try queue.read()
            let age = reading.oldestCreatedAt.map { max(0, Date().timeIntervalSince($0)) } ?? 0
            return [
                PrometheusText.Sample(.tasksQueued, Double(reading.queued)),
                PrometheusText.Sample(.taskQueueOldestAge, age),
            ]
        } catch {
            logger.warning("metrics: task queue unreadable", metadata: ["error": "\(error)"])
            return []
        }
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.isEmpty
    }
}
