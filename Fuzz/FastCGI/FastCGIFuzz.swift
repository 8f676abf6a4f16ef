internal import CFCGI
import Glibc
import HTTPCore

/// libFuzzer entry: the input is a list of CGI parameters, `NAME=VALUE` entries separated by NUL bytes: what
/// nginx passes for a request, where the client controls the header names and values, the URI and the query.
/// They take the real path: encoded as FastCGI records the way nginx does (the peer is trusted, the content is
/// not), decoded by libfcgi on an accepted Unix socket, read back by `FastCGIRequestSlot` (every pair must
/// survive unchanged), turned into a request by `FastCGIMessage`, and echoed into a response whose CGI head
/// must stay well-formed whatever the values hold.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFastCGI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // Split at the first `=` byte, as FastCGIRequestSlot splits libfcgi's `NAME=VALUE` strings (a Character
    // search would not see a `=` that a combining mark after it joins into one grapheme).
    let parameters = bytes.split(separator: 0, omittingEmptySubsequences: true).map { entry -> (String, String) in
        guard let equals = entry.firstIndex(of: UInt8(ascii: "=")) else {
            return (String(decoding: entry, as: UTF8.self), "")
        }
        let (name, value) = (entry[..<equals], entry[(equals + 1)...])
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }
    respond(to: FastCGIMessage.request(parameters: parameters, body: []))
    _ = FastCGIMessage.contentLength(parameters: parameters)

    guard let client = FastCGIHarness.shared.connect() else { return 0 }
    defer { close(client) }
    let stream = FastCGIRecords.request(params: FastCGIRecords.pairs(parameters), stdin: Array("fuzz body".utf8))
    _ = stream.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL)) }
    shutdown(client, Int32(SHUT_WR))
    guard let received = FastCGIHarness.shared.serveOne() else { return 0 }
    // libfcgi puts the role from BEGIN_REQUEST first.
    guard received.elementsEqual([("FCGI_ROLE", "RESPONDER")] + parameters, by: { $0.0 == $1.0 && $0.1 == $1.1 }) else {
        fatalError("libfcgi → FastCGIRequestSlot changed the parameters: \(parameters) → \(received)")
    }
    return 0
}

/// Echoes the request's headers and status-ish values into a response and checks the CGI head.
func respond(to request: HTTPRequest) {
    var headers = request.headers
    headers.add(name: "X-Path", value: request.path)
    headers.add(name: "X-Method", value: request.method.rawValue)
    let response = HTTPResponse(status: .ok, headers: headers, body: request.body)
    let head = FastCGIMessage.head(response)
    guard let end = find(Array("\r\n\r\n".utf8), in: head) else { fatalError("CGI head has no blank line") }
    for line in head[..<(end + 2)].split(separator: UInt8(ascii: "\n")) {
        guard line.last == UInt8(ascii: "\r"), !line.dropLast().contains(UInt8(ascii: "\r")) else {
            fatalError("a header value broke the CGI head: \(String(decoding: head, as: UTF8.self))")
        }
    }
    _ = FastCGIMessage.serialize(response)
}

private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
}
