/// Renders a snapshot in the Prometheus text exposition format, version 0.0.4.
public enum PrometheusText {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// A sample computed at scrape time (e.g. read from the database) rather than stored in a segment.
    public struct Sample: Sendable {
        public let family: MetricFamily
        public let labels: String
        public let value: Double

        public init(_ family: MetricFamily, labels: String = "", _ value: Double) {
            self.family = family
            self.labels = labels
            self.value = value
        }
    }

    public static func render(_ snapshot: MetricsSnapshot, extra: [Sample] = []) -> String {
        var out = ""
        let keys = snapshot.series.keys.sorted()
        for family in MetricFamily.all {
            out += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.kind.rawValue)\n"
            for key in keys where key.family == family.id {
                guard let words = snapshot.series[key] else { continue }
                if family.kind == .histogram {
                    histogram(family, labels: key.labels, words: words, into: &out)
                } else if let value = snapshot.value(family, labels: key.labels) {
                    line(family.name, key.labels, value, into: &out)
                }
            }
            for sample in extra where sample.family == family {
                line(family.name, sample.labels, sample.value, into: &out)
            }
        }
        return out
    }

    private static func histogram(_ family: MetricFamily, labels: String, words: [UInt64], into out: inout String) {
        var cumulative: UInt64 = 0
        let prefix = labels.isEmpty ? "" : labels + ","
        for (index, bound) in family.buckets.enumerated() {
            cumulative &+= words[index]
            line(family.name + "_bucket", prefix + "le=\"\(format(bound))\"", Double(cumulative), into: &out)
        }
        cumulative &+= words[family.buckets.count]
        line(family.name + "_bucket", prefix + "le=\"+Inf\"", Double(cumulative), into: &out)
        line(family.name + "_sum", labels, Double(words[MetricsLayout.sumIndex]) / family.scale, into: &out)
        line(family.name + "_count", labels, Double(cumulative), into: &out)
    }

    private static func line(_ name: String, _ labels: String, _ value: Double, into out: inout String) {
        out += labels.isEmpty ? name : "\(name){\(labels)}"
        out += " \(format(value))\n"
    }

    /// Integers without a fraction; others in Swift's shortest round-trip form (which Prometheus parses).
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
