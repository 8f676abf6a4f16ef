import Crypto
import Domain
import Foundation
import Testing

@Suite struct JWTSignerTests {
    let secret = Array("an-adequately-long-test-secret-of-32+-bytes".utf8)
    var signer: JWTSigner { JWTSigner(secret: secret, leeway: .seconds(30)) }
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    var claims: AccessClaims {
        AccessClaims(
            subject: UserID("6567a1b2c3d4e5f601234567"), tokenVersion: 3, issuedAt: now,
            notBefore: now, expiresAt: now.addingTimeInterval(3600))
    }

    @Test func signThenVerifyRoundTripsTheClaims() throws {
        let token = try signer.sign(claims)
        #expect(try signer.verify(token, at: now.addingTimeInterval(60)) == claims)
    }

    @Test func headerIsHS256JWTAndPayloadCarriesEveryContractClaim() throws {
        let parts = try signer.sign(claims).split(separator: ".").map(String.init)
        let header = try json(parts[0])
        #expect(header["alg"] as? String == "HS256")
        #expect(header["typ"] as? String == "JWT")
        let payload = try json(parts[1])
        #expect(Set(payload.keys) == ["iss", "aud", "sub", "ver", "iat", "nbf", "exp", "jti"])
        #expect(payload["iss"] as? String == "cohorta")
        #expect(payload["aud"] as? String == "cohorta-web")
        #expect(payload["exp"] as? Int == 1_800_003_600)
        #expect((payload["jti"] as? String)?.count == 32)
    }

    @Test func jtiIsFreshForEveryToken() throws {
        #expect(try signer.sign(claims) != signer.sign(claims))
    }

    @Test func tamperedPayloadIsRejected() throws {
        let parts = try signer.sign(claims).split(separator: ".").map(String.init)
        let forged = Base64URL.encode(Array(#"{"sub":"admin"}"#.utf8))
        expectUnauthenticated(parts[0] + "." + forged + "." + parts[2], "signature mismatch")
    }

    @Test func tamperedSignatureIsRejected() throws {
        let token = try signer.sign(claims)
        var signature = Base64URL.decode(token.split(separator: ".")[2]) ?? []
        signature[0] ^= 1
        let head = token.split(separator: ".").prefix(2).joined(separator: ".")
        expectUnauthenticated(head + "." + Base64URL.encode(signature), "signature mismatch")
    }

    @Test func tokenSignedWithAnotherSecretIsRejected() throws {
        let other = JWTSigner(secret: Array("a-different-secret-of-at-least-32-bytes!".utf8))
        expectUnauthenticated(try other.sign(claims), "signature mismatch")
    }

    @Test(arguments: [
        (#"{"alg":"none","typ":"JWT"}"#, "alg none"),
        (#"{"alg":"None"}"#, "alg none"),
        (#"{"alg":"HS512","typ":"JWT"}"#, "alg not HS256"),
        (#"{"alg":"RS256","typ":"JWT"}"#, "alg not HS256"),
        (#"{"typ":"JWT"}"#, "no alg"),
        (#"{"alg":256}"#, "header is not"),
        (#"["HS256"]"#, "header is not"),
        (#"not json"#, "header is not"),
        (#"{"alg":"HS256","typ":"JWS"}"#, "typ"),
        (#"{"alg":"HS256","crit":["exp"]}"#, "crit"),
    ])
    func headersOtherThanHS256AreRejectedEvenWithAValidMAC(header: String, detail: String) throws {
        // The MAC is valid for the forged header: only the alg pin can stop it (algorithm confusion).
        expectUnauthenticated(try forge(header: header, payload: validPayload()), detail)
    }

    @Test func algNoneWithEmptySignatureIsRejected() throws {
        let h = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8))
        let p = Base64URL.encode(Array(validPayload().utf8))
        expectUnauthenticated(h + "." + p + ".", "alg none")
    }

    @Test(arguments: ["", "a.b", "a.b.c.d", "!!.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.+/+/"])
    func malformedShapesAreRejected(token: String) {
        #expect(throws: DomainError.self) { try signer.verify(token, at: now) }
    }

    @Test func extraSegmentIsRejected() throws {
        expectUnauthenticated(try signer.sign(claims) + ".e30", "3 segments")
    }

    @Test func expiredTokenIsRejectedAfterLeeway() throws {
        let token = try signer.sign(claims)
        #expect(try signer.verify(token, at: now.addingTimeInterval(3600 + 29)) == claims)
        expectUnauthenticated(token, "expired", at: now.addingTimeInterval(3600 + 30))
    }

    @Test func notYetValidTokenIsRejectedBeyondLeeway() throws {
        let future = AccessClaims(
            subject: claims.subject, tokenVersion: 1, issuedAt: now, notBefore: now.addingTimeInterval(120),
            expiresAt: now.addingTimeInterval(3600))
        expectUnauthenticated(try signer.sign(future), "nbf")
    }

    @Test func tokenIssuedInTheFutureIsRejected() throws {
        let future = AccessClaims(
            subject: claims.subject, tokenVersion: 1, issuedAt: now.addingTimeInterval(120), notBefore: now,
            expiresAt: now.addingTimeInterval(3600))
        expectUnauthenticated(try signer.sign(future), "iat")
    }

    @Test func wrongIssuerOrAudienceIsRejected() throws {
        let otherIssuer = JWTSigner(secret: secret, issuer: "someone-else")
        expectUnauthenticated(try otherIssuer.sign(claims), "issuer")
        let otherAudience = JWTSigner(secret: secret, audience: "cohorta-admin")
        expectUnauthenticated(try otherAudience.sign(claims), "audience")
    }

    @Test(arguments: [
        ("ver", #""3""#, "ill-typed claim ver"),
        ("ver", "3.5", "ill-typed claim ver"),
        ("ver", "true", "ill-typed claim ver"),
        ("exp", #""tomorrow""#, "ill-typed claim exp"),
        ("sub", "42", "ill-typed claim sub"),
        ("aud", "7", "ill-typed claim aud"),
    ])
    func illTypedClaimsAreRejected(key: String, value: String, detail: String) throws {
        expectUnauthenticated(try forge(payload: validPayload(replacing: key, with: value)), detail)
    }

    @Test(arguments: ["iss", "aud", "sub", "ver", "iat", "nbf", "exp", "jti"])
    func missingClaimsAreRejected(key: String) throws {
        expectUnauthenticated(try forge(payload: validPayload(replacing: key, with: nil)), "missing claim")
    }

    @Test func payloadThatIsNotAnObjectIsRejected() throws {
        expectUnauthenticated(try forge(payload: "[1,2]"), "not a JSON object")
    }

    @Test(arguments: [#"{"typ":"JWT","alg":"HS256"}"#, #"{"alg":"HS256"}"#, #"{ "alg": "HS256", "typ": "JWT" }"#])
    func anHS256HeaderOtherThanOursIsStillAccepted(header: String) throws {
        // The byte comparison with our own header is a shortcut only: other valid headers take the full check.
        let token = try forge(header: header, payload: validPayload())
        #expect(try signer.verify(token, at: now).subject == claims.subject)
    }

    @Test func audienceArrayContainingUsIsAccepted() throws {
        let token = try forge(payload: validPayload(replacing: "aud", with: #"["other","cohorta-web"]"#))
        #expect(try signer.verify(token, at: now).subject == claims.subject)
    }

    // MARK: helpers

    func expectUnauthenticated(
        _ token: String, _ detail: String, at time: Date? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try signer.verify(token, at: time ?? now)
            Issue.record("token was accepted; expected \(detail)", sourceLocation: sourceLocation)
        } catch let error as DomainError {
            #expect(error.code == .unauthenticated, sourceLocation: sourceLocation)
            #expect(error.detail?.contains(detail) == true, "\(error.debugDescription)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    /// A token with arbitrary header/payload text and a correct HS256 MAC under the test secret.
    func forge(header: String = #"{"alg":"HS256","typ":"JWT"}"#, payload: String) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "."
            + Base64URL.encode(try HMACSHA256.authenticationCode(key: secret, message: Array(input.utf8)))
    }

    func validPayload(replacing key: String? = nil, with value: String? = nil) -> String {
        var fields: [(String, String)] = [
            ("iss", #""cohorta""#), ("aud", #""cohorta-web""#), ("sub", #""6567a1b2c3d4e5f601234567""#),
            ("ver", "3"), ("iat", "1800000000"), ("nbf", "1800000000"), ("exp", "1800003600"), ("jti", #""abc123""#),
        ]
        if let key, let index = fields.firstIndex(where: { $0.0 == key }) {
            if let value { fields[index].1 = value } else { fields.remove(at: index) }
        }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    func json(_ segment: String) throws -> [String: Any] {
        let data = Data(Base64URL.decode(segment) ?? [])
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
