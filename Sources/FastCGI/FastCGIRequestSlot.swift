internal import CFCGI
import Glibc

/// One accept thread's libfcgi request. The `FCGX_Request` is heap-allocated once and never moves:
/// libfcgi keeps a back-pointer to it inside the request's streams. Confined to the thread that made it.
final class FastCGIRequestSlot {
    private let request: UnsafeMutablePointer<FCGX_Request>

    /// `FCGI_FAIL_ACCEPT_ON_INTR`: a signal delivered to this thread while it waits in accept(2)
    /// makes `accept()` return instead of retrying; that is how a drain wakes idle threads.
    init(listenDescriptor: Int32) {
        request = .allocate(capacity: 1)
        request.initialize(to: FCGX_Request())
        FCGX_InitRequest(request, listenDescriptor, FCGI_FAIL_ACCEPT_ON_INTR)
    }

    deinit {
        FCGX_Free(request, 1)
        request.deinitialize(count: 1)
        request.deallocate()
    }

    /// Blocks for the next request. 0 on success, else a negative errno (`-EINTR` when woken).
    /// Call `finish()` for the previous request first, so its response is never cut by a wake-up signal.
    func accept() -> Int32 {
        let result = FCGX_Accept_r(request)
        return result >= 0 ? 0 : result
    }

    /// Flushes the response and closes the connection.
    func finish() { FCGX_Finish_r(request) }

    /// The FastCGI parameters whose name `include` accepts (all of them by default), in the order received.
    /// libfcgi gives `NAME=VALUE` C strings; they are split at the first `=` byte (searching Characters instead
    /// cost ~7 % of a worker's CPU on a small response), and only the names kept become Swift strings.
    func parameters(
        where include: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in true }
    ) -> [(String, String)] {
        var result: [(String, String)] = []
        guard var entry = request.pointee.envp else { return result }
        while let pointer = entry.pointee {
            let pair = UnsafeBufferPointer(
                start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                let name = UnsafeBufferPointer(rebasing: pair[..<equals])
                if include(name) {
                    result.append(
                        (String(decoding: name, as: UTF8.self), String(decoding: pair[(equals + 1)...], as: UTF8.self)))
                }
            }
            entry += 1
        }
        return result
    }

    /// Reads up to `length` body bytes (fewer if the client stopped sending).
    func readBody(length: Int) -> [UInt8] {
        guard length > 0 else { return [] }
        var body = [UInt8](repeating: 0, count: length)
        var received = 0
        body.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while received < length {
                let chunk = Int32(clamping: length - received)
                let count = FCGX_GetStr(
                    UnsafeMutableRawPointer(base + received).assumingMemoryBound(to: CChar.self), chunk,
                    request.pointee.in)
                if count <= 0 { break }
                received += Int(count)
            }
        }
        body.removeLast(length - received)
        return body
    }

    /// Reads and drops the rest of the body, so the web server can finish sending it.
    func discardBody() {
        var scratch = [CChar](repeating: 0, count: 16_384)
        while FCGX_GetStr(&scratch, Int32(scratch.count), request.pointee.in) > 0 {}
    }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
            _ = FCGX_PutStr(
                UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(clamping: buffer.count),
                request.pointee.out)
        }
    }
}

@available(*, unavailable)
extension FastCGIRequestSlot: Sendable {}
