import Daemon
import Glibc
import HTTPCore
import Logging
import Metrics
import Synchronization

/// One accept thread: accept → read → handle → write → finish, until the server's stop flag is set.
/// `phase` tells the draining thread when it is safe to interrupt this one (only while idle in accept).
final class AcceptLoop: Sendable {
    enum Phase: UInt8 {
        case starting, accepting, busy, exited
    }

    let phase = Atomic<UInt8>(Phase.starting.rawValue)
    private let index: Int
    private let listenDescriptor: Int32
    private let bodyLimits: BodyLimits
    private let stopping: StopFlag
    private let logger: Logger
    private let metrics: MetricsSegment?
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse

    init(
        index: Int, listenDescriptor: Int32, bodyLimits: BodyLimits, stopping: StopFlag, logger: Logger,
        metrics: MetricsSegment?, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) {
        self.index = index
        self.listenDescriptor = listenDescriptor
        self.bodyLimits = bodyLimits
        self.stopping = stopping
        self.logger = logger
        self.metrics = metrics
        self.handler = handler
    }

    var currentPhase: Phase { Phase(rawValue: phase.load(ordering: .acquiring)) ?? .exited }

    /// Runs on its own accept thread until the stop flag is set and the thread is woken or idle.
    func run() {
        let slot = FastCGIRequestSlot(listenDescriptor: listenDescriptor)
        defer { phase.store(Phase.exited.rawValue, ordering: .releasing) }
        while true {
            phase.store(Phase.accepting.rawValue, ordering: .sequentiallyConsistent)
            // Checked after publishing `.accepting`: either the drainer sees us accepting and signals,
            // or we see its flag here. No wake-up is lost.
            if stopping.isSet { return }
            let result = slot.accept()
            phase.store(Phase.busy.rawValue, ordering: .sequentiallyConsistent)
            guard result == 0 else {
                if stopping.isSet { return }
                if result != -EINTR {
                    logger.warning(
                        "accept failed",
                        metadata: [
                            FastCGILogKey.error: "\(SystemCallError("FCGX_Accept_r", errno: -result))",
                            FastCGILogKey.thread: "\(index)",
                        ])
                    usleep(100_000)
                }
                continue
            }
            serve(slot)
            slot.finish()
        }
    }

    private func serve(_ slot: FastCGIRequestSlot) {
        let started = ContinuousClock.now
        let parameters = slot.parameters(where: FastCGIMessage.isRequestParameter)
        let length = FastCGIMessage.contentLength(parameters: parameters) ?? 0
        var request = FastCGIMessage.request(parameters: parameters, body: [])
        let limit = bodyLimits.limit(for: request.method, path: request.path)
        let response: HTTPResponse
        if length > limit {
            slot.discardBody()
            response = HTTPError.payloadTooLarge(limit: limit).response
        } else {
            request.body = slot.readBody(length: length)
            if request.requestID.isEmpty { request.requestID = Self.makeRequestID() }
            response = handler(request)
        }
        slot.write(FastCGIMessage.head(response))
        if FastCGIMessage.hasBody(response) { send(response, to: slot, requestID: request.requestID) }
        let elapsed = ContinuousClock.now - started
        HTTPMetrics.record(response, method: request.method, elapsed: elapsed, in: metrics)
        let milliseconds =
            Double(elapsed.components.attoseconds / 1_000_000_000_000) / 1000 + Double(elapsed.components.seconds)
            * 1000
        logger.info(
            "request finished",
            metadata: [
                FastCGILogKey.requestID: "\(request.requestID)", FastCGILogKey.method: "\(request.method)",
                FastCGILogKey.path: "\(request.path)", FastCGILogKey.status: "\(response.status.code)",
                FastCGILogKey.milliseconds: "\((milliseconds * 10).rounded() / 10)",
            ])
    }

    /// Writes the body, or runs its stream into the slot piece by piece. A stream that fails or comes up
    /// short leaves the response truncated (the client sees fewer bytes than `Content-Length`); it is logged.
    private func send(_ response: HTTPResponse, to slot: FastCGIRequestSlot, requestID: String) {
        guard let stream = response.stream else {
            slot.write(response.body)
            return
        }
        do {
            let sent = try stream.write { slot.write($0) }
            if sent == stream.length { return }
            logger.warning(
                "streamed body length mismatch",
                metadata: [FastCGILogKey.requestID: "\(requestID)", FastCGILogKey.error: "\(sent) of \(stream.length)"])
        } catch {
            logger.warning(
                "streamed body failed",
                metadata: [
                    FastCGILogKey.requestID: "\(requestID)", FastCGILogKey.error: "\(String(reflecting: error))",
                ])
        }
    }

    /// For requests that did not come through nginx (no `REQUEST_ID`): 16 random hex digits.
    private static func makeRequestID() -> String {
        let value = UInt64.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Set once when the server starts draining; read by every accept thread.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .sequentiallyConsistent) }
    func set() { flag.store(true, ordering: .sequentiallyConsistent) }
}
