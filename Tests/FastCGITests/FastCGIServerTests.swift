import Daemon
import FastCGI
import Foundation
import HTTPCore
import Logging
import Testing

/// Speaks real FastCGI to a server on a temporary unix socket.
@Suite(.serialized)
struct FastCGIServerTests {
    struct Echo: Encodable {
        let method: String
        let path: String
        let query: String
        let body: String
        let id: String
    }

    func withServer(maxBodyBytes: Int = 1024, _ body: (String, FastCGIServer) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "cohorta-fcgi-\(getpid())-\(UInt32.random(in: 0 ... .max)).sock"
        let socket = try ListenSocket(path: path)
        let server = FastCGIServer(
            listenDescriptor: socket.descriptor, threads: 2,
            bodyLimits: BodyLimits(standard: maxBodyBytes).allowing(8000, for: .post, "/upload/:id"),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        ) { request in
            if request.path == "/slow" { usleep(300_000) }
            return .json(
                Echo(
                    method: request.method.rawValue, path: request.path, query: request.query["q"] ?? "",
                    body: String(decoding: request.body, as: UTF8.self), id: request.requestID))
        }
        try server.start()
        try body(path, server)
        #expect(server.stop(timeout: .seconds(5)))
        withExtendedLifetime(socket) {}
    }

    func parameters(_ method: String, _ path: String, query: String = "", length: Int? = nil) -> [(String, String)] {
        var result = [
            ("REQUEST_METHOD", method), ("DOCUMENT_URI", path), ("QUERY_STRING", query), ("REQUEST_ID", "rid-1"),
        ]
        if let length { result += [("CONTENT_TYPE", "application/json"), ("CONTENT_LENGTH", "\(length)")] }
        return result
    }

    @Test func servesARequestOverFastCGI() throws {
        try withServer { path, _ in
            let body = Array(#"{"x":"zoë"}"#.utf8)
            let response = try FastCGITestClient.send(
                socketPath: path, parameters: parameters("POST", "/echo", query: "q=a%20b", length: body.count),
                body: body)
            #expect(response.statusLine == "Status: 200 OK")
            #expect(response.headers["content-type"] == "application/json")
            #expect(response.headers["content-length"] == "\(response.body.utf8.count)")
            #expect(
                response.body
                    == #"{"body":"{\"x\":\"zoë\"}","id":"rid-1","method":"POST","path":"/echo","query":"a b"}"#)
        }
    }

    @Test func oversizedBodyIs413WithoutReachingTheHandler() throws {
        try withServer(maxBodyBytes: 1024) { path, _ in
            let body = [UInt8](repeating: UInt8(ascii: "a"), count: 4000)
            let response = try FastCGITestClient.send(
                socketPath: path, parameters: parameters("POST", "/echo", length: body.count), body: body)
            #expect(response.statusLine == "Status: 413 Content Too Large")
            #expect(response.body.contains(#""code":"payload_too_large""#))
        }
    }

    @Test func aRouteWithALargerLimitTakesALargerBody() throws {
        try withServer(maxBodyBytes: 1024) { path, _ in
            let body = [UInt8](repeating: UInt8(ascii: "a"), count: 4000)
            let accepted = try FastCGITestClient.send(
                socketPath: path, parameters: parameters("POST", "/upload/7", length: body.count), body: body)
            #expect(accepted.statusLine == "Status: 200 OK")
            let elsewhere = try FastCGITestClient.send(
                socketPath: path, parameters: parameters("PUT", "/upload/7", length: body.count), body: body)
            #expect(elsewhere.statusLine == "Status: 413 Content Too Large")
            let tooBig = [UInt8](repeating: UInt8(ascii: "a"), count: 9000)
            let refused = try FastCGITestClient.send(
                socketPath: path, parameters: parameters("POST", "/upload/7", length: tooBig.count), body: tooBig)
            #expect(refused.statusLine == "Status: 413 Content Too Large")
        }
    }

    @Test func stopWakesIdleThreadsQuickly() throws {
        try withServer { _, server in
            let started = ContinuousClock.now
            #expect(server.stop(timeout: .seconds(5)))
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func stopLetsAnInFlightRequestFinish() throws {
        try withServer { path, server in
            let result = ResultBox()
            let thread = Thread {
                result.set(
                    Result {
                        try FastCGITestClient.send(socketPath: path, parameters: parameters("GET", "/slow"), body: [])
                    })
            }
            thread.start()
            usleep(100_000)
            #expect(server.stop(timeout: .seconds(5)))
            let response = try #require(result.waitForValue()).get()
            #expect(response.statusLine == "Status: 200 OK")
            #expect(response.body.contains(#""path":"/slow""#))
        }
    }
}

/// Hands a client result from a helper thread to the test.
final class ResultBox: @unchecked Sendable {  // guarded by `condition`
    private let condition = NSCondition()
    private var value: Result<FastCGITestClient.Response, any Error>?

    func set(_ newValue: Result<FastCGITestClient.Response, any Error>) {
        condition.withLock {
            value = newValue
            condition.signal()
        }
    }

    func waitForValue() -> Result<FastCGITestClient.Response, any Error>? {
        condition.withLock {
            let deadline = Date().addingTimeInterval(5)
            while value == nil, condition.wait(until: deadline) {}
            return value
        }
    }
}
