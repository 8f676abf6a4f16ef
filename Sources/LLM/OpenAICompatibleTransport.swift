public import Domain
import Foundation
import HTTPClient
public import Logging

/// `LLMTransport` for OpenAI-compatible chat completions (OpenAI, Azure OpenAI, vLLM, our simulator):
/// `POST <base URL>/chat/completions` with `stream: true` and usage in the last chunk; a schema goes
/// as `response_format: json_schema`. One call of `send` is one attempt: failures come back as
/// `LLMTransportError` for the gateway's `RetryPolicy` to judge.
///
/// Thread rule: a `CurlHTTPClient` (one curl easy handle) must only be used by the thread that made
/// it. `send` is called from many runner threads at once, so each OS thread gets its own client, kept in
/// that thread's `threadDictionary` (freed when the thread ends) and reused for every later call on it,
/// which keeps its connection and TLS session warm. This object itself is immutable and shared: make one
/// per process (each instance has its own per-thread slot).
public final class OpenAICompatibleTransport: LLMTransport {
    public struct Configuration: Sendable {
        /// How the key is sent: `Authorization: Bearer <key>` (OpenAI and most others) or `api-key: <key>`
        /// (Azure OpenAI); `none` for a local server without keys.
        public enum Authentication: Sendable {
            case none
            case bearer(String)
            case apiKey(String)
        }

        /// e.g. `https://api.openai.com/v1`, `https://R.openai.azure.com/openai/v1`, or a deployment URL
        /// with a query (`…/deployments/D?api-version=2024-10-21`): `/chat/completions` goes before the query.
        public var baseURL: String
        public var authentication: Authentication
        /// Bounds one whole attempt, streaming included.
        public var timeout: Duration
        public var connectTimeout: Duration
        /// A stream longer than this is abandoned (`invalidResponse`).
        public var maxResponseBytes: Int

        public init(
            baseURL: String, authentication: Authentication, timeout: Duration,
            connectTimeout: Duration = .seconds(10), maxResponseBytes: Int = 8 << 20
        ) {
            self.baseURL = baseURL
            self.authentication = authentication
            self.timeout = timeout
            self.connectTimeout = connectTimeout
            self.maxResponseBytes = maxResponseBytes
        }
    }

    public let configuration: Configuration
    private let completionsURL: String
    private let logger: Logger
    /// This transport's slot in each thread's `threadDictionary`.
    private let clientKey: String

    /// Requires `CurlRuntime.initialize()` to have run (in `main`, before any thread).
    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        completionsURL = Self.completionsURL(base: configuration.baseURL)
        self.logger = logger
        clientKey = "cohorta.llm.curl.\(UUID().uuidString)"
    }

    public func send(_ call: LLMCall, cancellation: CancellationCheck, onDelta: ((String) -> Void)?) throws
        -> LLMCompletion
    {
        let started = ContinuousClock.now
        var stream = CompletionStream(onDelta: onDelta)
        let response: HTTPClientResponse
        do {
            response = try client().stream(
                request(for: call), isCancelled: { cancellation.isRequested },
                onEvent: { event in try stream.receive(event) })
        } catch let error as CurlError {
            throw log(LLMTransportError(curlError: error), call, started)
        } catch let error as LLMTransportError {
            throw log(error, call, started)
        }
        guard (200..<300).contains(response.status) else {
            throw log(LLMTransportError(response: response), call, started)
        }
        let completion = try stream.completion().mapError { log($0, call, started) }.get()
        logger.debug(
            "llm attempt finished",
            metadata: [
                LLMLogKey.model: "\(call.model)", LLMLogKey.milliseconds: "\(Self.milliseconds(since: started))",
                LLMLogKey.promptTokens: "\(completion.usage?.promptTokens ?? -1)",
                LLMLogKey.completionTokens: "\(completion.usage?.completionTokens ?? -1)",
            ])
        return completion
    }

    private func request(for call: LLMCall) -> HTTPClientRequest {
        var headers: HTTPClientHeaders = ["Content-Type": "application/json"]
        switch configuration.authentication {
        case .none: break
        case .bearer(let key): headers.add("Authorization", "Bearer \(key)")
        case .apiKey(let key): headers.add("api-key", key)
        }
        return HTTPClientRequest(
            method: .post, url: completionsURL, headers: headers, body: Array(Self.body(for: call).serialized.utf8),
            timeout: configuration.timeout)
    }

    /// This thread's client, made on first use (see the thread rule above).
    private func client() throws -> CurlHTTPClient {
        let slots = Thread.current.threadDictionary
        if let client = slots[clientKey] as? CurlHTTPClient { return client }
        let client = try CurlHTTPClient(
            configuration: CurlHTTPClient.Configuration(
                connectTimeout: configuration.connectTimeout, maxResponseBytes: configuration.maxResponseBytes,
                userAgent: "cohorta-llm"))
        slots[clientKey] = client
        return client
    }

    private func log(_ error: LLMTransportError, _ call: LLMCall, _ started: ContinuousClock.Instant)
        -> LLMTransportError
    {
        logger.warning(
            "llm attempt failed",
            metadata: [
                LLMLogKey.model: "\(call.model)", LLMLogKey.milliseconds: "\(Self.milliseconds(since: started))",
                LLMLogKey.failure: "\(error.kind)", LLMLogKey.detail: "\(error.detail)",
            ])
        return error
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// `<base>/chat/completions`, keeping a query string of the base URL at the end.
    static func completionsURL(base: String) -> String {
        let parts = base.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var path = String(parts[0])
        while path.hasSuffix("/") { path.removeLast() }
        return path + "/chat/completions" + (parts.count > 1 ? "?" + parts[1] : "")
    }
}
