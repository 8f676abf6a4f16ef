public import Domain
public import Foundation

/// JSON Web Tokens (RFC 7519) signed with HS256 only, with a pinned issuer and audience.
/// Every failure is `DomainError.unauthenticated`; its `detail` names the cause for logs.
public struct JWTSigner: TokenSigner {
    private let secret: [UInt8]
    public let issuer: String
    public let audience: String
    /// Clock skew tolerated on `exp`, `nbf` and `iat`.
    public let leeway: Duration

    /// `{"alg":"HS256","typ":"JWT"}`, encoded once.
    private static let encodedHeader = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    /// `secret` is the raw key; the caller enforces its minimum length (configuration rule).
    public init(
        secret: [UInt8], issuer: String = "cohorta", audience: String = "cohorta-web", leeway: Duration = .seconds(30)
    ) {
        precondition(!secret.isEmpty, "JWT secret must not be empty")
        self.secret = secret
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
    }

    /// Any thread. Dates are written as whole seconds (rounded down); `jti` is 16 random bytes in hex.
    public func sign(_ claims: AccessClaims) throws -> String {
        let payload = JWTPayload(
            iss: issuer, aud: audience, sub: claims.subject.rawValue, ver: claims.tokenVersion,
            iat: Self.seconds(claims.issuedAt), nbf: Self.seconds(claims.notBefore),
            exp: Self.seconds(claims.expiresAt),
            jti: try SecureRandom.hex(count: 16))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json: Data
        do { json = try encoder.encode(payload) } catch { throw CryptoError(.encodingFailed, detail: "JWT payload") }
        let signingInput = Self.encodedHeader + "." + Base64URL.encode(Array(json))
        let mac = try HMACSHA256.authenticationCode(key: secret, message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(mac)
    }

    /// Any thread. Order: shape → header (alg pinned) → signature in constant time → claims → times.
    public func verify(_ token: String, at now: Date) throws -> AccessClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Self.reject("token must have exactly 3 segments") }
        try checkHeader(parts[0])
        guard let signature = Base64URL.decode(parts[2]) else { throw Self.reject("signature is not base64url") }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        let expected = try HMACSHA256.authenticationCode(key: secret, message: signingInput)
        guard ConstantTime.equals(signature, expected) else { throw Self.reject("signature mismatch") }
        guard let payloadBytes = Base64URL.decode(parts[1]) else { throw Self.reject("payload is not base64url") }
        return try claims(from: payloadBytes, at: now)
    }

    private func checkHeader(_ segment: Substring) throws {
        // The header this signer issues passes every check below; comparing bytes skips a JSONDecoder per request.
        if segment == Self.encodedHeader { return }
        guard let bytes = Base64URL.decode(segment) else { throw Self.reject("header is not base64url") }
        let header: JOSEHeader
        do { header = try JSONDecoder().decode(JOSEHeader.self, from: Data(bytes)) } catch {
            throw Self.reject("header is not a JSON object with string alg/typ")
        }
        guard let alg = header.alg else { throw Self.reject("header has no alg") }
        guard alg == "HS256" else {
            throw Self.reject(alg.lowercased() == "none" ? "alg none refused" : "alg not HS256")
        }
        if let typ = header.typ, typ != "JWT" { throw Self.reject("typ is not JWT") }
        guard header.crit == nil else { throw Self.reject("crit header not supported") }
    }

    private func claims(from payload: [UInt8], at now: Date) throws -> AccessClaims {
        let decoded: JWTPayload.Received
        do { decoded = try JSONDecoder().decode(JWTPayload.Received.self, from: Data(payload)) } catch let error
            as DecodingError
        {
            throw Self.reject(Self.describe(error))
        } catch { throw Self.reject("claims are not JSON") }
        guard let iss = decoded.iss else { throw Self.reject("missing claim iss") }
        guard iss == issuer else { throw Self.reject("wrong issuer") }
        guard let aud = decoded.aud else { throw Self.reject("missing claim aud") }
        guard aud.contains(audience) else { throw Self.reject("wrong audience") }
        guard let sub = decoded.sub, !sub.isEmpty else { throw Self.reject("missing claim sub") }
        guard let ver = decoded.ver else { throw Self.reject("missing claim ver") }
        guard let iat = decoded.iat, let nbf = decoded.nbf, let exp = decoded.exp else {
            throw Self.reject("missing claim iat/nbf/exp")
        }
        guard decoded.jti?.isEmpty == false else { throw Self.reject("missing claim jti") }
        let skew = Double(leeway.components.seconds) + Double(leeway.components.attoseconds) / 1e18
        let nowSeconds = now.timeIntervalSince1970
        guard nowSeconds < exp + skew else { throw Self.reject("token expired") }
        guard nbf <= nowSeconds + skew else { throw Self.reject("token not yet valid (nbf)") }
        guard iat <= nowSeconds + skew else { throw Self.reject("token issued in the future (iat)") }
        return AccessClaims(
            subject: UserID(sub), tokenVersion: ver, issuedAt: Date(timeIntervalSince1970: iat),
            notBefore: Date(timeIntervalSince1970: nbf), expiresAt: Date(timeIntervalSince1970: exp))
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .dataCorrupted(let context), .valueNotFound(_, let context):
            guard let key = context.codingPath.first?.stringValue else { return "claims are not a JSON object" }
            return "ill-typed claim \(key)"
        case .keyNotFound(let key, _):
            return "missing claim \(key.stringValue)"
        @unknown default:
            return "claims are not valid"
        }
    }

    private static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    private static func reject(_ detail: String) -> DomainError { .unauthenticated(detail: "jwt: \(detail)") }
}

/// The JOSE header fields we look at; anything else is ignored.
private struct JOSEHeader: Decodable {
    let alg: String?
    let typ: String?
    let crit: [String]?
}
