/// The registered and private claims Cohorta issues, as they appear on the wire.
struct JWTPayload: Encodable {
    let iss: String
    let aud: String
    let sub: String
    let ver: Int64
    let iat: Int64
    let nbf: Int64
    let exp: Int64
    let jti: String

    /// The same claims as received: each may be missing; a present one must have the right type.
    /// `aud` may be a string or an array of strings (RFC 7519 §4.1.3); times are NumericDate seconds.
    struct Received: Decodable {
        let iss: String?
        let aud: [String]?
        let sub: String?
        let ver: Int64?
        let iat: Double?
        let nbf: Double?
        let exp: Double?
        let jti: String?

        private enum CodingKeys: String, CodingKey { case iss, aud, sub, ver, iat, nbf, exp, jti }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            iss = try Self.field(.iss) { try container.decodeIfPresent(String.self, forKey: .iss) }
            aud = try Self.field(.aud) {
                if let single = try? container.decodeIfPresent(String.self, forKey: .aud) { return [single] }
                return try container.decodeIfPresent([String].self, forKey: .aud)
            }
            sub = try Self.field(.sub) { try container.decodeIfPresent(String.self, forKey: .sub) }
            ver = try Self.field(.ver) { try container.decodeIfPresent(Int64.self, forKey: .ver) }
            iat = try Self.field(.iat) { try container.decodeIfPresent(Double.self, forKey: .iat) }
            nbf = try Self.field(.nbf) { try container.decodeIfPresent(Double.self, forKey: .nbf) }
            exp = try Self.field(.exp) { try container.decodeIfPresent(Double.self, forKey: .exp) }
            jti = try Self.field(.jti) { try container.decodeIfPresent(String.self, forKey: .jti) }
            for date in [iat, nbf, exp] where date?.isFinite == false {
                throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.exp], debugDescription: "not finite"))
            }
        }

        /// Decodes one claim; any failure (wrong type, 3.5 for an integer) is reported under its key.
        private static func field<T>(_ key: CodingKeys, _ decode: () throws -> T?) throws -> T? {
            do { return try decode() } catch {
                throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "ill-typed"))
            }
        }
    }
}
