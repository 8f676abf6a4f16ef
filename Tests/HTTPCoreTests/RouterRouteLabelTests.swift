import HTTPCore
import Testing

/// Every response carries the pattern that matched (the metrics label), whatever the handler did.
struct RouterRouteLabelTests {
    struct Context: Sendable {}

    func makeRouter() -> Router<Context> {
        var router = Router<Context>()
        router.on(.get, "/api/users/me") { _, _, _ in .noContent }
        router.on(.get, "/api/users/:id") { _, _, _ in .noContent }
        router.on(.get, "/api/fails/:id") { _, _, _ in throw HTTPError.notFound() }
        return router
    }

    func route(_ method: HTTPMethod, _ path: String) -> String? {
        makeRouter().respond(to: HTTPRequest(method: method, path: path, requestID: "r"), context: Context()).route
    }

    @Test func theMatchedPatternIsTheLabelNeverTheRawPath() {
        #expect(route(.get, "/api/users/me") == "/api/users/me")
        #expect(route(.get, "/api/users/0123456789abcdef01234567") == "/api/users/:id")
        #expect(route(.get, "/api/fails/7") == "/api/fails/:id", "errors keep their route")
        #expect(route(.post, "/api/users/7") == "/api/users/:id", "405 keeps its route")
        #expect(route(.get, "/api/nowhere/7") == nil)
    }
}
