internal import CCurl

/// A blocking HTTP(S) client over one libcurl easy handle, reused for every request so connections,
/// DNS and TLS sessions are kept between calls.
///
/// Thread: intentionally **not** thread-safe. Create one per thread (after `CurlRuntime.initialize()`)
/// and use it only there; blocking calls must run on an OS thread, never in a Swift `Task`.
///
/// Safe defaults: signals off (`NOSIGNAL`), connect and total timeouts, http/https only (redirects
/// too), no redirects unless configured, and a cap on response size.
public final class CurlHTTPClient {
    public struct Configuration: Sendable {
        public var connectTimeout: Duration
        /// Bytes of headers plus body after which a response is abandoned with `.tooLarge`.
        /// For `stream`, this bounds the whole stream.
        public var maxResponseBytes: Int
        /// 0 (the default) surfaces 3xx responses as they are.
        public var maxRedirects: Int
        public var userAgent: String

        public init(
            connectTimeout: Duration = .seconds(5),
            maxResponseBytes: Int = 8 << 20,
            maxRedirects: Int = 0,
            userAgent: String = "cohorta"
        ) {
            self.connectTimeout = connectTimeout
            self.maxResponseBytes = maxResponseBytes
            self.maxRedirects = maxRedirects
            self.userAgent = userAgent
        }
    }

    public let configuration: Configuration

    private let handle: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER: allocated once, so the pointer curl holds never moves.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// CURLOPT_HTTPHEADER and CURLOPT_POSTFIELDS memory of the request in flight: curl reads it during
    /// `perform` without copying. Set by `configure`, freed by `finishTransfer`.
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var postBody: UnsafeMutableRawBufferPointer?

    public init(configuration: Configuration = Configuration()) throws {
        precondition(
            CurlRuntime.isInitialized, "call CurlRuntime.initialize() in main before creating a CurlHTTPClient")
        guard let handle = curl_easy_init() else {
            throw CurlError(.other, "The HTTP client could not be created.", detail: "curl_easy_init returned NULL")
        }
        self.handle = handle
        self.configuration = configuration
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        releaseRequestMemory()
        errorBuffer.deallocate()
    }

    /// Sends `request` and returns the whole response, whatever its status.
    public func send(_ request: HTTPClientRequest) throws -> HTTPClientResponse {
        try perform(
            request, into: CurlTransfer(limit: configuration.maxResponseBytes, isCancelled: nil, onEvent: nil))
    }

    /// Sends `request` and, if the answer is 2xx, hands each Server-Sent Event to `onEvent` as it
    /// arrives, on this thread. Returns when the stream ends or after a `[DONE]` event; the returned
    /// body is then empty. A non-2xx answer is returned whole, with no events. An error thrown by
    /// `onEvent` aborts the transfer and is rethrown.
    ///
    /// `isCancelled` is asked, on this thread, about twice a second while the transfer runs (also while
    /// the server sends nothing); once it says true the transfer is abandoned with `CurlError.Code.cancelled`.
    public func stream(
        _ request: HTTPClientRequest, isCancelled: (() -> Bool)? = nil, onEvent: (SSEEvent) throws -> Void
    ) throws -> HTTPClientResponse {
        var request = request
        if !request.headers.contains("Accept") { request.headers.add("Accept", "text/event-stream") }
        return try withoutActuallyEscaping(onEvent) { onEvent in
            let transfer = CurlTransfer(
                limit: configuration.maxResponseBytes, isCancelled: isCancelled, onEvent: onEvent)
            return try perform(request, into: transfer)
        }
    }

    private func perform(_ request: HTTPClientRequest, into transfer: CurlTransfer) throws -> HTTPClientResponse {
        // Retained while curl holds the pointer: `finishTransfer` unsets it (curl_easy_reset), then the release.
        let context = Unmanaged.passRetained(transfer)
        defer { context.release() }
        defer { finishTransfer() }
        try configure(for: request)
        try set(CURLOPT_WRITEDATA, context.toOpaque())
        try set(CURLOPT_HEADERDATA, context.toOpaque())

        if transfer.watchesCancellation {
            try check(ccurl_setopt_xferinfo_callback(handle, curlProgressCallback))
            try set(CURLOPT_XFERINFODATA, context.toOpaque())
            try set(CURLOPT_NOPROGRESS, 0)
        }

        let code = curl_easy_perform(handle)
        if transfer.wasCancelled {
            throw CurlError(.cancelled, "The request was cancelled.", detail: "cancelled by the caller")
        }
        if let eventError = transfer.eventError { throw eventError }
        if transfer.exceededLimit {
            // The write callback aborted: report it as curl's own size-limit error.
            throw CurlError(code: CURLE_FILESIZE_EXCEEDED, message: "response exceeded \(transfer.limit) bytes")
        }
        let streamEndedByDone = code == CURLE_WRITE_ERROR && transfer.finishedStream
        guard code == CURLE_OK || streamEndedByDone else { throw CurlError(code: code, message: errorText(code)) }
        return HTTPClientResponse(status: transfer.status, headers: transfer.headers, body: transfer.body)
    }

    /// Sets every option for one request, starting from curl's defaults.
    private func configure(for request: HTTPClientRequest) throws {
        errorBuffer[0] = 0
        try set(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_NOSIGNAL, 1)  // no SIGALRM for timeouts: required with threads
        // Only http(s), for the URL and for any redirect: curl speaks file://, gopher:// and more.
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, configuration.maxRedirects > 0 ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, configuration.maxRedirects)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        try set(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
        // Refuses a declared Content-Length over the cap before reading; the write callback covers the rest.
        try check(ccurl_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(configuration.maxResponseBytes)))
        try set(CURLOPT_USERAGENT, configuration.userAgent)
        try set(CURLOPT_URL, request.url)
        try check(ccurl_setopt_write_callback(handle, curlWriteCallback))
        try check(ccurl_setopt_header_callback(handle, curlHeaderCallback))
        try setMethodAndBody(request)
        try setHeaders(request.headers)
    }

    private func setMethodAndBody(_ request: HTTPClientRequest) throws {
        if request.method == .head {
            try set(CURLOPT_NOBODY, 1)
        } else if request.body != nil || request.method == .post {
            // POSTFIELDS is not copied: `postBody` keeps the bytes alive until `finishTransfer`.
            let bytes = request.body ?? []
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            postBody = buffer
            buffer.copyBytes(from: bytes)
            try check(ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)))
            try set(CURLOPT_POSTFIELDS, buffer.baseAddress)
        }
        if request.method != .get && request.method != .head && request.method != .post {
            try set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
    }

    private func setHeaders(_ headers: HTTPClientHeaders) throws {
        var lines: [String] = []
        for field in headers {
            guard Self.isToken(field.name), !field.value.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 })
            else {
                throw CurlError(.invalidRequest, "A request header is not valid.", detail: "header \(field.name)")
            }
            // curl drops "Name:" with an empty value; "Name;" sends it empty.
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        // Suppress curl's "Expect: 100-continue", which stalls a second on servers that ignore it.
        if !headers.contains("Expect") { lines.append("Expect:") }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw CurlError(.other, "The request could not be prepared.", detail: "curl_slist_append failed")
            }
            headerList = appended
        }
        try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
    }

    /// Returns the handle to curl's defaults (unsetting every pointer it held, connections kept) and
    /// frees this request's memory.
    private func finishTransfer() {
        curl_easy_reset(handle)
        releaseRequestMemory()
    }

    private func releaseRequestMemory() {
        curl_slist_free_all(headerList)
        headerList = nil
        postBody?.deallocate()
        postBody = nil
    }

    private func errorText(_ code: CURLcode) -> String {
        errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
    }

    private func set(_ option: CURLoption, _ value: Int) throws {
        try check(ccurl_setopt_long(handle, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws {
        try check(ccurl_setopt_string(handle, option, value))  // curl copies string options
    }

    private func set(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) throws {
        try check(ccurl_setopt_pointer(handle, option, value))
    }

    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else { throw CurlError(code: code, message: String(cString: curl_easy_strerror(code))) }
    }

    /// curl treats 0 as "no timeout", so anything shorter than a millisecond becomes 1 ms.
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    /// RFC 9110 token characters, so a header name cannot smuggle a separator or a line break.
    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (0x21...0x7E).contains(byte) && !"\"(),/:;<=>?@[\\]{}".utf8.contains(byte)
            }
    }
}

@available(*, unavailable)
extension CurlHTTPClient: Sendable {}
