import Foundation
import Testing

@testable import Metrics

/// A fresh metrics folder under the temp directory, removed at the end of each test.
final class TemporaryMetricsDirectory {
    let directory: MetricsDirectory

    init() {
        let path = NSTemporaryDirectory() + "cohorta-metrics-\(UUID().uuidString)"
        directory = MetricsDirectory(path: path)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory.path) }
}

struct MetricsSegmentTests {
    let temporary = TemporaryMetricsDirectory()
    var directory: MetricsDirectory { temporary.directory }

    @Test func countersAndGaugesAddUpPerLabelSet() throws {
        let segment = try directory.createProcessSegment(role: "fcgi")
        for _ in 0..<3 {
            segment.add(.httpRequests) {
                $0.label("route", "/api/a")
                $0.label("status", 200)
            }
        }
        segment.add(.httpRequests) {
            $0.label("route", "/api/b")
            $0.label("status", 404)
        }
        segment.add(.wsConnections, 2)
        segment.add(.wsConnections, -3)
        let snapshot = MetricsSnapshot.collect(from: directory)
        #expect(snapshot.value(.httpRequests, labels: #"route="/api/a",status="200""#) == 3)
        #expect(snapshot.value(.httpRequests, labels: #"route="/api/b",status="404""#) == 1)
        #expect(snapshot.value(.wsConnections) == -1)
    }

    @Test func labelValuesAreEscaped() throws {
        let segment = try directory.createProcessSegment(role: "runner")
        segment.add(.llmCalls) { $0.label("model", "a\"b\\c\nd") }
        let text = PrometheusText.render(MetricsSnapshot.collect(from: directory))
        #expect(text.contains(#"cohorta_llm_calls_total{model="a\"b\\c\nd"} 1"#))
    }

    @Test func histogramsRenderCumulativeBucketsSumAndCount() throws {
        let segment = try directory.createProcessSegment(role: "fcgi")
        for seconds in [0.001, 0.02, 0.02, 20.0] { segment.observe(.httpDuration, seconds) { $0.label("route", "/x") } }
        let text = PrometheusText.render(MetricsSnapshot.collect(from: directory))
        #expect(text.contains("# TYPE cohorta_http_request_duration_seconds histogram\n"))
        #expect(text.contains(#"cohorta_http_request_duration_seconds_bucket{route="/x",le="0.005"} 1"#))
        #expect(text.contains(#"cohorta_http_request_duration_seconds_bucket{route="/x",le="0.025"} 3"#))
        #expect(text.contains(#"cohorta_http_request_duration_seconds_bucket{route="/x",le="10"} 3"#))
        #expect(text.contains(#"cohorta_http_request_duration_seconds_bucket{route="/x",le="+Inf"} 4"#))
        #expect(text.contains(#"cohorta_http_request_duration_seconds_sum{route="/x"} 20.041"#))
        #expect(text.contains(#"cohorta_http_request_duration_seconds_count{route="/x"} 4"#))
    }

    @Test func concurrentWritersLoseNothing() throws {
        let segment = try directory.createProcessSegment(role: "fcgi")
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<5_000 {
                segment.add(.httpRequests) { $0.label("route", "/r\(index % 7)") }
                segment.observe(.httpDuration, 0.01) { $0.label("route", "/r\(thread % 3)") }
            }
        }
        let snapshot = MetricsSnapshot.collect(from: directory)
        let total = (0..<7).compactMap { snapshot.value(.httpRequests, labels: "route=\"/r\($0)\"") }.reduce(0, +)
        #expect(total == 40_000)
        let observed = snapshot.series.filter { $0.key.family == MetricFamily.httpDuration.id }
            .map { $0.value[0...MetricFamily.httpDuration.buckets.count].reduce(0, +) }.reduce(0, +)
        #expect(observed == 40_000)
    }

    @Test func tooLongLabelsAndAFullTableAreDroppedAndCounted() throws {
        try directory.ensureExists()
        let path = directory.processSegmentPath(role: "t", pid: getpid())
        let segment = try MetricsSegment(creating: path, pid: getpid(), retiredKind: false, slots: 2)
        segment.add(.httpRequests) { $0.label("route", String(repeating: "x", count: 200)) }
        for index in 0..<3 { segment.add(.httpRequests) { $0.label("route", "/\(index)") } }
        let snapshot = MetricsSnapshot.collect(from: directory)
        #expect(snapshot.value(.seriesDropped) == 2)
        #expect(snapshot.value(.httpRequests, labels: #"route="/0""#) == 1)
    }

    @Test func segmentsOfDeadProcessesAreIgnored() throws {
        try directory.ensureExists()
        let dead = try finishedProcessID()
        let segment = try MetricsSegment(
            creating: directory.processSegmentPath(role: "ws", pid: dead), pid: dead, retiredKind: false)
        segment.add(.wsConnections, 5)
        #expect(MetricsSnapshot.collect(from: directory).value(.wsConnections) == nil)
        directory.removeStale(role: "ws")
        #expect(directory.segmentNames().isEmpty)
    }
}

/// A child process (`/bin/sleep 60`, or `/bin/true`) started with posix_spawn; `stop` kills and reaps it.
struct Child {
    let pid: Int32

    init(_ program: String, _ arguments: [String] = []) throws {
        var pid: Int32 = 0
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let result = posix_spawn(&pid, program, nil, nil, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        self.pid = pid
    }

    func stop() {
        kill(pid, SIGKILL)
        reap()
    }

    func reap() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}

/// The pid of a process that has exited and been reaped.
func finishedProcessID() throws -> Int32 {
    let child = try Child("/bin/true")
    child.reap()
    return child.pid
}
