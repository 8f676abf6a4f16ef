import Foundation
import HTTPClient
import Synchronization
import Testing

/// Real requests against `Fixtures/http_fixture.py`, which each test starts on a free loopback port.
@Suite struct CurlHTTPClientTests {
    init() throws { try CurlRuntime.initialize() }

    private struct Echo: Decodable {
        let method: String
        let headers: [String: String]
        let body: String
        let json: [String: String]?
        let clientPort: Int

        enum CodingKeys: String, CodingKey {
            case method, headers, body, json
            case clientPort = "client_port"
        }
    }

    private func echo(_ response: HTTPClientResponse) throws -> Echo {
        try JSONDecoder().decode(Echo.self, from: Data(response.body))
    }

    @Test func getReturnsStatusHeadersAndBody() throws {
        try FixtureServer.with { server in
            let client = try CurlHTTPClient()
            let response = try client.send(
                HTTPClientRequest(url: "\(server.baseURL)/echo?q=1", headers: ["X-Trace": "abc"]))
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json")
            let echoed = try echo(response)
            #expect(echoed.method == "GET")
            #expect(echoed.headers["X-Trace"] == "abc")
            #expect(echoed.headers["Expect"] == nil)
        }
    }

    @Test func postSendsJSONBodyAndHeaders() throws {
        try FixtureServer.with { server in
            let client = try CurlHTTPClient()
            let body = Array(#"{"prompt":"héllo \"world\"","model":"m1"}"#.utf8)
            let response = try client.send(
                HTTPClientRequest(
                    method: .post, url: "\(server.baseURL)/echo",
                    headers: ["Content-Type": "application/json", "Authorization": "Bearer sk-test"], body: body))
            let echoed = try echo(response)
            #expect(echoed.method == "POST")
            #expect(echoed.json == ["prompt": "héllo \"world\"", "model": "m1"])
            #expect(echoed.headers["Authorization"] == "Bearer sk-test")
            #expect(echoed.headers["Content-Type"] == "application/json")
        }
    }

    @Test(arguments: [HTTPClientRequest.Method.put, .patch, .delete])
    func otherMethodsAreSentAsGiven(method: HTTPClientRequest.Method) throws {
        try FixtureServer.with { server in
            let client = try CurlHTTPClient()
            let response = try client.send(
                HTTPClientRequest(method: method, url: "\(server.baseURL)/echo", body: Array("x=1".utf8)))
            let echoed = try echo(response)
            #expect(echoed.method == method.rawValue)
            #expect(echoed.body == "x=1")
        }
    }

    @Test func errorStatusIsSurfacedAsAResponse() throws {
        try FixtureServer.with { server in
            let client = try CurlHTTPClient()
            let response = try client.send(HTTPClientRequest(url: "\(server.baseURL)/status/503"))
            #expect(response.status == 503)
            #expect(response.headers["retry-after"] == "3")
            #expect(String(decoding: response.body, as: UTF8.self).contains("unavailable"))
        }
    }

    @Test func repeatedResponseHeadersKeepTheirOrder() throws {
        try FixtureServer.with { server in
            let response = try CurlHTTPClient().send(HTTPClientRequest(url: "\(server.baseURL)/headers"))
            #expect(response.headers.values(for: "X-CUSTOM-THING") == ["one", "two"])
            #expect(response.headers["x-spaced"] == "padded value")
        }
    }

    @Test func slowServerFailsWithTimeoutWithinTheLimit() throws {
        try FixtureServer.with { server in
            let client = try CurlHTTPClient()
            let started = ContinuousClock.now
            let error = #expect(throws: CurlError.self) {
                try client.send(HTTPClientRequest(url: "\(server.baseURL)/slow?ms=3000", timeout: .milliseconds(300)))
            }
            #expect(error?.code == .timeout)
            #expect(ContinuousClock.now - started < .milliseconds(1500))
        }
    }

    @Test func refusedPortFailsWithConnectionFailed() throws {
        let server = try FixtureServer()
        server.stop()  // nothing listens on this port any more
        let error = #expect(throws: CurlError.self) {
            try CurlHTTPClient().send(HTTPClientRequest(url: "\(server.baseURL)/echo", timeout: .seconds(5)))
        }
        #expect(error?.code == .connectionFailed)
    }

    @Test(arguments: ["big", "big-chunked"])
    func responseOverTheCapFailsWithTooLarge(route: String) throws {
        try FixtureServer.with { server in
            let client = try CurlHTTPClient(configuration: .init(maxResponseBytes: 64 * 1024))
            let error = #expect(throws: CurlError.self) {
                try client.send(HTTPClientRequest(url: "\(server.baseURL)/\(route)?bytes=200000"))
            }
            #expect(error?.code == .tooLarge)
            let fits = try client.send(HTTPClientRequest(url: "\(server.baseURL)/\(route)?bytes=1000"))
            #expect(fits.body.count == 1000)
        }
    }

    @Test func fileURLIsRefused() throws {
        let error = #expect(throws: CurlError.self) {
            try CurlHTTPClient().send(HTTPClientRequest(url: "file:///etc/passwd"))
        }
        #expect(error?.code == .protocolRefused)
    }

    @Test func redirectToFileURLIsRefused() throws {
        try FixtureServer.with { server in
            let client = try CurlHTTPClient(configuration: .init(maxRedirects: 3))
            let error = #expect(throws: CurlError.self) {
                try client.send(HTTPClientRequest(url: "\(server.baseURL)/redirect-file"))
            }
            #expect(error?.code == .protocolRefused)
        }
    }

    @Test func redirectsAreSurfacedUnlessEnabled() throws {
        try FixtureServer.with { server in
            let request = HTTPClientRequest(url: "\(server.baseURL)/redirect")
            let surfaced = try CurlHTTPClient().send(request)
            #expect(surfaced.status == 302)
            #expect(surfaced.headers["location"] == "/echo")
            let followed = try CurlHTTPClient(configuration: .init(maxRedirects: 3)).send(request)
            #expect(followed.status == 200)
        }
    }

    @Test func headerWithLineBreakIsRefused() throws {
        let request = HTTPClientRequest(url: "http://127.0.0.1:1/", headers: ["X-Evil": "a\r\nInjected: yes"])
        let error = #expect(throws: CurlError.self) { try CurlHTTPClient().send(request) }
        #expect(error?.code == .invalidRequest)
    }

    @Test func reusesTheConnectionAndRecoversAfterAnError() throws {
        try FixtureServer.with { server in
            let client = try CurlHTTPClient()
            let first = try echo(client.send(HTTPClientRequest(url: "\(server.baseURL)/echo")))
            let second = try echo(client.send(HTTPClientRequest(url: "\(server.baseURL)/echo")))
            #expect(first.clientPort == second.clientPort)
            #expect(throws: CurlError.self) { try client.send(HTTPClientRequest(url: "file:///etc/passwd")) }
            let after = try client.send(HTTPClientRequest(method: .post, url: "\(server.baseURL)/echo"))
            #expect(try echo(after).method == "POST")
        }
    }

    @Test func clientsOnSeparateThreadsWorkConcurrently() throws {
        try FixtureServer.with { server in
            let url = "\(server.baseURL)/echo"
            let statuses = Mutex<[Int]>([])  // guards the statuses the threads report
            let done = DispatchGroup()
            for _ in 0..<4 {
                done.enter()
                Thread {
                    defer { done.leave() }
                    // One client per thread, created and used only on this thread.
                    guard let client = try? CurlHTTPClient() else { return }
                    for _ in 0..<10 {
                        let status = (try? client.send(HTTPClientRequest(method: .post, url: url))).map(\.status) ?? 0
                        statuses.withLock { $0.append(status) }
                    }
                }.start()
            }
            #expect(done.wait(timeout: .now() + 30) == .success)
            #expect(statuses.withLock { $0 } == Array(repeating: 200, count: 40))
        }
    }

    @Test func streamDeliversEventsAsTheyArriveAndStopsAtDone() throws {
        try FixtureServer.with { server in
            let client = try CurlHTTPClient()
            let started = ContinuousClock.now
            var received: [(event: SSEEvent, at: Duration)] = []
            let response = try client.stream(HTTPClientRequest(url: "\(server.baseURL)/sse")) { event in
                received.append((event, ContinuousClock.now - started))
            }
            let elapsed = ContinuousClock.now - started
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
            #expect(
                received.map(\.event) == [
                    SSEEvent(data: "first"),
                    SSEEvent(type: "delta", data: "line one\nline two", id: "7"),
                    SSEEvent(data: #"{"text":"héllo"}"#, id: "7"),
                    SSEEvent(data: "[DONE]", id: "7"),
                ])
            // The server sleeps 100 ms between chunks: the first event must not wait for the last.
            if let first = received.first?.at, let last = received.last?.at {
                #expect(last - first >= .milliseconds(300))
            }
            // After [DONE] the server holds the connection for 5 s; the client must not wait for it.
            #expect(elapsed < .seconds(3))
        }
    }

    @Test func streamRethrowsTheCallbacksErrorAndStops() throws {
        struct Stop: Error {}
        try FixtureServer.with { server in
            let client = try CurlHTTPClient()
            var count = 0
            #expect(throws: Stop.self) {
                try client.stream(HTTPClientRequest(url: "\(server.baseURL)/sse")) { _ in
                    count += 1
                    throw Stop()
                }
            }
            #expect(count == 1)
        }
    }

    @Test func streamReturnsAnErrorStatusWithItsBody() throws {
        try FixtureServer.with { server in
            var events = 0
            let response = try CurlHTTPClient().stream(HTTPClientRequest(url: "\(server.baseURL)/status/429")) { _ in
                events += 1
            }
            #expect(response.status == 429)
            #expect(String(decoding: response.body, as: UTF8.self).contains("error"))
            #expect(events == 0)
        }
    }
}
