import Foundation
import HTTPCore
import Testing

struct RouterTests {
    struct Context: Sendable { let name: String }
    struct Boom: Error {}
    struct Teapot: HTTPResponseError {
        var status: HTTPStatus { HTTPStatus(code: 418, reasonPhrase: "I'm a teapot") }
        var code: String { "teapot" }
        var message: String { "Short and stout." }
        var headers: HTTPHeaders { ["Retry-After": "7"] }
    }

    func text(_ value: String) -> HTTPResponse { HTTPResponse(status: .ok, body: Array(value.utf8)) }

    func makeRouter(reported: (@Sendable (any Error, HTTPRequest) -> Void)? = nil) -> Router<Context> {
        var router = Router<Context>(
            mapError: { $0 is Teapot ? nil : ($0 as? CancellationError).map { _ in Teapot() } },
            reportUnhandled: reported ?? { _, _ in })
        router.on(.get, "/api/users/me") { _, _, _ in text("me") }
        router.on(.get, "/api/users/:id") { _, _, params in text("user \(params["id"] ?? "?")") }
        router.on(.post, "/api/admin/users/:id/credits") { _, context, params in
            text("\(context.name) credits \(params["id"] ?? "?")")
        }
        router.on(.delete, "/api/admin/users/:id/credits") { _, _, _ in .noContent }
        router.on(.get, "/api/boom") { _, _, _ in throw Boom() }
        router.on(.get, "/api/teapot") { _, _, _ in throw Teapot() }
        router.on(.get, "/api/mapped") { _, _, _ in throw CancellationError() }
        return router
    }

    func respond(_ router: Router<Context>, _ method: HTTPMethod, _ path: String) -> HTTPResponse {
        router.respond(to: HTTPRequest(method: method, path: path, requestID: "r-1"), context: Context(name: "ctx"))
    }

    @Test func literalSegmentWinsOverParameter() {
        #expect(respond(makeRouter(), .get, "/api/users/me").body == Array("me".utf8))
        #expect(respond(makeRouter(), .get, "/api/users/42").body == Array("user 42".utf8))
    }

    @Test func pathParametersAndContextReachTheHandler() {
        let response = respond(makeRouter(), .post, "/api/admin/users/abc/credits")
        #expect(response.status == .ok)
        #expect(response.body == Array("ctx credits abc".utf8))
    }

    @Test func trailingAndDoubleSlashesAreIgnored() {
        #expect(respond(makeRouter(), .get, "//api/users//7/").body == Array("user 7".utf8))
    }

    @Test func unknownPathIsJSON404() throws {
        let response = respond(makeRouter(), .get, "/api/nope")
        #expect(response.status == .notFound)
        #expect(response.headers["content-type"] == "application/json")
        let body = try #require(String(bytes: response.body, encoding: .utf8))
        #expect(body == #"{"error":{"code":"not_found","message":"No such resource."}}"#)
    }

    @Test func prefixOfARouteIsNotARoute() {
        #expect(respond(makeRouter(), .get, "/api/admin/users/abc").status == .notFound)
    }

    @Test func knownPathWithWrongMethodIs405WithAllow() {
        let response = respond(makeRouter(), .get, "/api/admin/users/abc/credits")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "DELETE, POST")
    }

    @Test func headIsAnsweredByTheGetRouteAndAdvertisedInAllow() {
        let router = makeRouter()
        #expect(respond(router, .head, "/api/users/me").status == .ok)
        #expect(respond(router, .post, "/api/users/me").headers["Allow"] == "GET, HEAD")
    }

    @Test func unexpectedErrorBecomesGeneric500AndIsReported() throws {
        let reported = ReportLog()
        let response = respond(
            makeRouter(reported: { _, request in reported.add(request.requestID) }), .get, "/api/boom")
        #expect(response.status == .internalServerError)
        let body = try #require(String(bytes: response.body, encoding: .utf8))
        #expect(body.contains(#""code":"internal""#))
        #expect(!body.contains("Boom"))
        #expect(reported.ids == ["r-1"])
    }

    @Test func responseErrorKeepsStatusCodeAndHeaders() throws {
        let response = respond(makeRouter(), .get, "/api/teapot")
        #expect(response.status.code == 418)
        #expect(response.headers["retry-after"] == "7")
        let body = try #require(String(bytes: response.body, encoding: .utf8))
        #expect(body == #"{"error":{"code":"teapot","message":"Short and stout."}}"#)
    }

    @Test func mapperTranslatesApplicationErrors() {
        #expect(respond(makeRouter(), .get, "/api/mapped").status.code == 418)
    }

    @Test func middlewareWrapsRoutingAndCanChangeContext() {
        var router = makeRouter()
        router.use { request, _, next in
            var response = try next(request, Context(name: "outer"))
            response.headers.add(name: "X-Seen", value: "1")
            return response
        }
        let response = respond(router, .post, "/api/admin/users/9/credits")
        #expect(response.body == Array("outer credits 9".utf8))
        #expect(response.headers["x-seen"] == "1")
        #expect(respond(router, .get, "/nowhere").status == .notFound)
    }

    @Test func aPathAMiddlewareRewroteIsRoutedAgainAndKeepsTheOriginalLabel() {
        var router = makeRouter()
        router.use { request, context, next in
            var request = request
            request.path = request.path == "/old/me" ? "/api/users/me" : request.path
            return try next(request, context)
        }
        let response = respond(router, .get, "/old/me")
        #expect(response.body == Array("me".utf8))
        #expect(response.route == nil)
    }

    @Test func aNonASCIIPathSplitsAtSlashCharactersNotBytes() {
        // "/" followed by a combining mark is one Character, not a separator.
        let response = respond(makeRouter(), .get, "/api/users/x/\u{301}y")
        #expect(response.body == Array("user x/\u{301}y".utf8))
        #expect(respond(makeRouter(), .get, "/api/users/caf\u{E9}").body == Array("user caf\u{E9}".utf8))
    }

    @Test func middlewareErrorsAreRenderedToo() {
        var router = makeRouter()
        router.use { _, _, _ in throw HTTPError.payloadTooLarge(limit: 10) }
        #expect(respond(router, .get, "/api/users/me").status == .payloadTooLarge)
    }
}

/// Collects reported request IDs from the router's reporter closure.
final class ReportLog: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ id: String) { lock.withLock { stored.append(id) } }
    var ids: [String] { lock.withLock { stored } }
}
