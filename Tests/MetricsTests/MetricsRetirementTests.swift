import Foundation
import Synchronization
import Testing

@testable import Metrics

struct MetricsRetirementTests {
    let temporary = TemporaryMetricsDirectory()
    var directory: MetricsDirectory { temporary.directory }

    /// A live stand-in worker (`sleep`), whose segment this test writes as the worker would.
    func startWorker() throws -> (Child, MetricsSegment) {
        let process = try Child("/bin/sleep", ["60"])
        let pid = process.pid
        let segment = try MetricsSegment(
            creating: directory.processSegmentPath(role: "fcgi", pid: pid), pid: pid, retiredKind: false)
        return (process, segment)
    }

    @Test func countersOfADeadWorkerAreFoldedAndNeverGoBackwards() throws {
        let retirement = try MetricsRetirement(directory: directory, role: "fcgi")
        let (process, segment) = try startWorker()
        segment.add(.httpRequests, 7) { $0.label("route", "/a") }
        segment.observe(.httpDuration, 0.3) { $0.label("route", "/a") }
        segment.add(.runnerLeases, 2)
        let before = MetricsSnapshot.collect(from: directory)
        #expect(before.value(.httpRequests, labels: #"route="/a""#) == 7)
        #expect(before.value(.runnerLeases) == 2)

        process.stop()
        retirement.reaping {
            retirement.fold(pid: process.pid)
            retirement.countRestart()
        }
        let after = MetricsSnapshot.collect(from: directory)
        #expect(after.value(.httpRequests, labels: #"route="/a""#) == 7)
        #expect(
            after.series[.init(family: MetricFamily.httpDuration.id, labels: #"route="/a""#)]
                == before.series[.init(family: MetricFamily.httpDuration.id, labels: #"route="/a""#)])
        #expect(after.value(.runnerLeases) == nil, "gauges die with their process")
        #expect(after.value(.workerRestarts, labels: #"role="fcgi""#) == 1)
        #expect(directory.segmentNames() == ["fcgi-retired.prom.bin"])

        // A second generation adds to the retired totals.
        let (next, nextSegment) = try startWorker()
        nextSegment.add(.httpRequests, 1) { $0.label("route", "/a") }
        #expect(MetricsSnapshot.collect(from: directory).value(.httpRequests, labels: #"route="/a""#) == 8)
        next.stop()
    }

    @Test func aScrapeWaitsWhileTheSupervisorFolds() throws {
        let directory = self.directory
        let retirement = try MetricsRetirement(directory: directory, role: "runner")
        let scraped = Mutex<MetricsSnapshot?>(nil)
        let started = DispatchSemaphore(value: 0)
        retirement.reaping {
            Thread.detachNewThread {
                started.signal()
                let snapshot = MetricsSnapshot.collect(from: directory)
                scraped.withLock { $0 = snapshot }
            }
            started.wait()
            retirement.countRestart()
        }
        // The scrape either finished after the fold (sees the restart) or is still retrying; wait for it.
        for _ in 0..<1_000 where scraped.withLock({ $0 == nil }) { usleep(10_000) }
        #expect(scraped.withLock { $0?.value(.workerRestarts, labels: #"role="runner""#) } == 1)
    }
}
