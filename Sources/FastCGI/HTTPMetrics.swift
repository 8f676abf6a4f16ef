import HTTPCore
import Metrics

/// The per-request samples: a counter by route pattern, method and status, and a latency histogram by
/// route. Two slot look-ups and three atomic additions on the accept thread; nothing when metrics are off.
enum HTTPMetrics {
    /// The label of requests no route matched (404s, 405s, bodies refused before routing).
    static let unmatched = "unmatched"
    /// Any other method is labelled "other", so clients cannot mint series.
    static let standardMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    static func record(_ response: HTTPResponse, method: HTTPMethod, elapsed: Duration, in metrics: MetricsSegment?) {
        guard let metrics else { return }
        let route = response.route ?? unmatched
        metrics.add(.httpRequests) {
            $0.label("route", route)
            $0.label("method", standardMethods.contains(method.rawValue) ? method.rawValue : "other")
            $0.label("status", Int(response.status.code))
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        metrics.observe(.httpDuration, seconds) { $0.label("route", route) }
    }
}
