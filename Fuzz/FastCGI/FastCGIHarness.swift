internal import CFCGI
import Glibc
import HTTPCore

/// One listening Unix socket (abstract) and one libfcgi request slot for the whole run. The listener is non-blocking,
/// so when libfcgi rejects a connection and goes back to accept(2) it returns EAGAIN instead of hanging.
final class FastCGIHarness {
    nonisolated(unsafe) static let shared = FastCGIHarness()

    private let path: String
    private let listener: Int32
    private let slot: FastCGIRequestSlot

    private init() {
        guard FCGX_Init() == 0 else { fatalError("FCGX_Init failed") }
        // Linux's abstract namespace (a leading NUL): no file to clean up after the run.
        let path = "\0cohorta-fuzz-fastcgi-\(getpid())"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0, Self.withAddress(path, { bind(listener, $0, $1) }) == 0, listen(listener, 8) == 0
        else { fatalError("cannot listen on \(path): errno \(errno)") }
        _ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)
        self.path = path
        self.listener = listener
        slot = FastCGIRequestSlot(listenDescriptor: listener)
    }

    /// A connected client socket, or nil.
    func connect() -> Int32? {
        let client = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard client >= 0 else { return nil }
        guard Self.withAddress(path, { Glibc.connect(client, $0, $1) }) == 0 else {
            close(client)
            return nil
        }
        return client
    }

    /// Accepts the pending connection and handles it like AcceptLoop does (without the router); the
    /// parameters libfcgi decoded, or nil when it refused the connection.
    func serveOne() -> [(String, String)]? {
        guard slot.accept() == 0 else { return nil }
        let parameters = slot.parameters()
        let length = FastCGIMessage.contentLength(parameters: parameters) ?? 0
        let body = slot.readBody(length: min(length, 1 << 16))
        slot.discardBody()
        respond(to: FastCGIMessage.request(parameters: parameters, body: body))
        slot.finish()
        return parameters
    }

    private static func withAddress(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
