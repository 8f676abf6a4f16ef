import Glibc

/// The sum of every live segment and every retired segment, read consistently (see `MetricsRetirement`).
public struct MetricsSnapshot: Sendable, Equatable {
    public struct Key: Hashable, Sendable, Comparable {
        public let family: UInt16
        public let labels: String

        public static func < (lhs: Key, rhs: Key) -> Bool { (lhs.family, lhs.labels) < (rhs.family, rhs.labels) }
    }

    /// Raw value words per series (counters and gauges in word 0, as two's complement for gauges).
    public private(set) var series: [Key: [UInt64]] = [:]

    public init() {}

    /// Reads `directory`. Retries (up to ~1 s) while a supervisor is folding; after that it returns the last
    /// reading, which may count one dying worker twice or not at all.
    public static func collect(from directory: MetricsDirectory) -> MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        for _ in 0..<200 {
            let names = directory.segmentNames()
            let retired = names.filter(MetricsDirectory.isRetired).compactMap {
                MetricsSegment(opening: directory.path + "/" + $0, writable: false)
            }
            let before = retired.map(\.sequence)
            if before.contains(where: { $0 % 2 == 1 }) {
                usleep(5000)
                continue
            }
            snapshot = MetricsSnapshot()
            for name in names where !MetricsDirectory.isRetired(name) {
                guard let segment = MetricsSegment(opening: directory.path + "/" + name, writable: false),
                    !segment.isFolded, MetricsDirectory.isAlive(segment.pid)
                else { continue }
                snapshot.add(segment, survivingOnly: false)
            }
            for segment in retired { snapshot.add(segment, survivingOnly: true) }
            if retired.map(\.sequence) == before { return snapshot }
        }
        return snapshot
    }

    mutating func add(_ segment: MetricsSegment, survivingOnly: Bool) {
        for stored in segment.series() {
            guard let family = MetricFamily.byID[stored.family], !survivingOnly || family.survivesProcess else {
                continue
            }
            add(Key(family: stored.family, labels: stored.labels), stored.values)
        }
        if segment.dropped > 0 { add(Key(family: MetricFamily.seriesDropped.id, labels: ""), [segment.dropped]) }
    }

    mutating func add(_ key: Key, _ values: [UInt64]) {
        if let existing = series[key] {
            series[key] = zip(existing, values).map { $0 &+ $1 } + existing.dropFirst(values.count)
        } else {
            series[key] = values
        }
    }

    /// A counter or gauge's exported value (nil when absent).
    public func value(_ family: MetricFamily, labels: String = "") -> Double? {
        guard let words = series[Key(family: family.id, labels: labels)], let word = words.first else { return nil }
        let raw = family.kind == .gauge ? Double(Int64(bitPattern: word)) : Double(word)
        return raw / family.scale
    }
}
