internal import CCurl

/// What one `curl_easy_perform` collects: status line, headers, and either the body or, for a
/// successful event stream, the events handed to `onEvent`.
///
/// Thread: lives on the thread that calls `perform` and dies when it returns; curl calls the
/// callbacks below on that same thread, reaching this object through an `Unmanaged` pointer.
final class CurlTransfer {
    /// What a callback tells curl to do next.
    enum Action { case proceed, abort }

    let limit: Int
    private(set) var status = 0
    private(set) var headers = HTTPClientHeaders()
    private(set) var body: [UInt8] = []
    /// The response went past `limit`; the transfer was aborted.
    private(set) var exceededLimit = false
    /// `onEvent` threw; the transfer was aborted and this error wins.
    private(set) var eventError: (any Error)?
    /// `isCancelled` said true; the transfer was aborted.
    private(set) var wasCancelled = false
    private var received = 0
    private var reader = SSELineReader()
    private let onEvent: ((SSEEvent) throws -> Void)?
    private let isCancelled: (() -> Bool)?
    private var lastCancellationCheck = ContinuousClock.now

    /// How often `isCancelled` is asked at most: it may read a database.
    static let cancellationCheckInterval = Duration.milliseconds(500)

    init(limit: Int, isCancelled: (() -> Bool)?, onEvent: ((SSEEvent) throws -> Void)?) {
        self.limit = limit
        self.isCancelled = isCancelled
        self.onEvent = onEvent
    }

    var watchesCancellation: Bool { isCancelled != nil }

    /// From curl's progress callback: asks `isCancelled` when the interval has passed.
    func checkCancellation() -> Action {
        guard let isCancelled, ContinuousClock.now - lastCancellationCheck >= Self.cancellationCheckInterval
        else { return .proceed }
        lastCancellationCheck = ContinuousClock.now
        wasCancelled = isCancelled()
        return wasCancelled ? .abort : .proceed
    }

    /// The stream reached `[DONE]`; aborting the rest of the transfer is then a normal end.
    var finishedStream: Bool { reader.isDone }

    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Action {
        guard count(bytes.count) == .proceed else { return .abort }
        let line = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        if line.hasPrefix("HTTP/") {
            // A new status line (after 100 Continue or a redirect) starts a new header block.
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = HTTPClientHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingWhitespace())
        }
        return .proceed
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Action {
        guard count(bytes.count) == .proceed else { return .abort }
        guard let onEvent, (200..<300).contains(status) else {
            body.append(contentsOf: bytes)
            return .proceed
        }
        do {
            for event in reader.feed(bytes) { try onEvent(event) }
        } catch {
            eventError = error
            return .abort
        }
        return reader.isDone ? .abort : .proceed
    }

    private func count(_ byteCount: Int) -> Action {
        received += byteCount
        exceededLimit = received > limit
        return exceededLimit ? .abort : .proceed
    }
}

/// CURLOPT_WRITEFUNCTION. Returning anything but `size * count` makes curl stop with CURLE_WRITE_ERROR.
func curlWriteCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    curlDeliver(data, size * count, context) { $0.receiveBody($1) }
}

/// CURLOPT_HEADERFUNCTION: called once per header line, status line and final blank line included.
func curlHeaderCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    curlDeliver(data, size * count, context) { $0.receiveHeaderLine($1) }
}

/// CURLOPT_XFERINFOFUNCTION: a non-zero return makes curl stop with CURLE_ABORTED_BY_CALLBACK.
func curlProgressCallback(
    _ context: UnsafeMutableRawPointer?, _ downloadTotal: curl_off_t, _ downloaded: curl_off_t,
    _ uploadTotal: curl_off_t, _ uploaded: curl_off_t
) -> Int32 {
    guard let context else { return 0 }
    switch Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().checkCancellation() {
    case .proceed: return 0
    case .abort: return 1
    }
}

private func curlDeliver(
    _ data: UnsafeMutablePointer<CChar>?, _ byteCount: Int, _ context: UnsafeMutableRawPointer?,
    _ deliver: (CurlTransfer, UnsafeRawBufferPointer) -> CurlTransfer.Action
) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : byteCount)
    switch deliver(transfer, bytes) {
    case .proceed: return byteCount
    case .abort: return 0
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        // `Character.isWhitespace` also covers "\r\n", which Swift treats as one Character.
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
