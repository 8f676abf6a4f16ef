import Foundation
import Glibc

/// A minimal FastCGI responder client (FastCGI 1.0 spec §3–§5): one request per connection,
/// BEGIN_REQUEST + PARAMS + STDIN, then collects STDOUT until END_REQUEST.
enum FastCGITestClient {
    struct Failure: Error, CustomStringConvertible { let description: String }

    struct Response {
        let statusLine: String
        let headers: [String: String]
        let body: String
    }

    static func send(socketPath: String, parameters: [(String, String)], body: [UInt8]) throws -> Response {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket") }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
            for (index, byte) in socketPath.utf8.enumerated() { sunPath[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect errno \(errno)") }

        var out: [UInt8] = []
        out += record(type: 1, content: [0, 1, 0, 0, 0, 0, 0, 0])  // BEGIN_REQUEST, role RESPONDER, no keep-conn
        var params: [UInt8] = []
        for (name, value) in parameters {
            params += length(name.utf8.count) + length(value.utf8.count) + Array(name.utf8) + Array(value.utf8)
        }
        out += record(type: 4, content: params) + record(type: 4, content: [])
        var offset = 0
        while offset < body.count {
            let end = min(offset + 65_535, body.count)
            out += record(type: 5, content: Array(body[offset..<end]))
            offset = end
        }
        out += record(type: 5, content: [])
        try writeAll(fd, out)
        return try parse(readAll(fd))
    }

    private static func record(type: UInt8, content: [UInt8]) -> [UInt8] {
        let count = content.count
        return [1, type, 0, 1, UInt8(count >> 8), UInt8(count & 0xFF), 0, 0] + content
    }

    private static func length(_ value: Int) -> [UInt8] {
        value < 128
            ? [UInt8(value)]
            : [
                UInt8((value >> 24) & 0x7F) | 0x80, UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
                UInt8(value & 0xFF),
            ]
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure(description: "write errno \(errno)") }
            sent += count
        }
    }

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while case let count = read(fd, &buffer, buffer.count), count > 0 { result += buffer[0..<count] }
        return result
    }

    /// Concatenates STDOUT records and splits the CGI response.
    private static func parse(_ bytes: [UInt8]) throws -> Response {
        var stdout: [UInt8] = []
        var index = 0
        var ended = false
        while index + 8 <= bytes.count {
            let type = bytes[index + 1]
            let count = Int(bytes[index + 4]) << 8 | Int(bytes[index + 5])
            let padding = Int(bytes[index + 6])
            let start = index + 8
            guard start + count <= bytes.count else { break }
            if type == 6 { stdout += bytes[start..<start + count] }
            if type == 3 { ended = true }
            index = start + count + padding
        }
        guard ended else { throw Failure(description: "no END_REQUEST") }
        let text = String(decoding: stdout, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no header end in \(text)") }
        var lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        var headers: [String: String] = [:]
        for line in lines {
            if let colon = line.firstIndex(of: ":") {
                headers[String(line[..<colon]).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
        }
        return Response(statusLine: statusLine, headers: headers, body: String(text[split.upperBound...]))
    }
}
