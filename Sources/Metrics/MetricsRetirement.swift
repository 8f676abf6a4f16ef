import Glibc

/// A supervisor's side of the metrics: it owns its role's retired segment, folds each reaped worker's
/// counters and histograms into it (so totals never go backwards when a worker dies) and counts restarts.
///
/// Consistency with scrapes is a sequence lock on the retired segment: `reaping` makes the sequence odd
/// while children are reaped and folded, and a scrape that saw it odd, or saw it change, reads again.
/// A worker's file is counted by a scrape while its pid is alive (zombies included) and not yet folded;
/// both of those change only inside `reaping`.
public final class MetricsRetirement: Sendable {
    public let role: String
    private let directory: MetricsDirectory
    private let retired: MetricsSegment

    /// Creates the folder and a fresh retired segment for `role`, and deletes dead processes' leftovers.
    /// Call it in the supervisor before the first fork.
    public init(directory: MetricsDirectory, role: String) throws(MetricsError) {
        try directory.ensureExists()
        directory.removeStale(role: role)
        self.directory = directory
        self.role = role
        retired = try MetricsSegment(
            creating: directory.retiredSegmentPath(role: role), pid: getpid(), retiredKind: true)
        retired.add(.workerRestarts, 0) { $0.label("role", role) }
    }

    /// Runs `body` (which reaps children and calls `fold`) with the sequence odd.
    public func reaping<Result>(_ body: () -> Result) -> Result {
        retired.bumpSequence()
        defer { retired.bumpSequence() }
        return body()
    }

    /// Folds the dead worker `pid`'s surviving series into the retired segment and deletes its file.
    public func fold(pid: Int32) {
        let path = directory.processSegmentPath(role: role, pid: pid)
        guard let segment = MetricsSegment(opening: path, writable: true) else { return }
        if !segment.isFolded {
            for series in segment.series() where MetricFamily.byID[series.family]?.survivesProcess ?? false {
                retired.fold(family: series.family, labels: series.labels, values: series.values)
            }
            if segment.dropped > 0 {
                retired.fold(family: MetricFamily.seriesDropped.id, labels: "", values: [segment.dropped])
            }
            segment.markFolded()
        }
        unlink(path)
    }

    /// A worker of the current generation died and will be respawned.
    public func countRestart() {
        retired.add(.workerRestarts) { $0.label("role", role) }
    }
}
