import HTTPCore
import Testing

@Suite struct BodyLimitsTests {
    let limits = BodyLimits(standard: 1_000).allowing(5_000, for: .post, "/api/groups/:id/image")

    @Test func aMatchingRouteGetsItsOwnLimit() {
        #expect(limits.limit(for: .post, path: "/api/groups/abc/image") == 5_000)
        #expect(limits.limit(for: .post, path: "/api/groups/abc/image/") == 5_000)
    }

    @Test func everythingElseGetsTheStandardLimit() {
        #expect(limits.limit(for: .put, path: "/api/groups/abc/image") == 1_000)
        #expect(limits.limit(for: .post, path: "/api/groups/abc/image/x") == 1_000)
        #expect(limits.limit(for: .post, path: "/api/groups/image") == 1_000)
        #expect(limits.limit(for: .post, path: "/api/other/abc/image") == 1_000)
        #expect(limits.limit(for: .post, path: "/") == 1_000)
    }
}
