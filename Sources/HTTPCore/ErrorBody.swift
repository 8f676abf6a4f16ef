/// The one error shape every endpoint returns: `{"error":{"code":"…","message":"…","field":"…"}}`
/// (`field` only when there is one).
public struct ErrorBody: Encodable, Sendable, Equatable {
    public struct Detail: Encodable, Sendable, Equatable {
        public let code: String
        public let message: String
        public let field: String?
    }

    public let error: Detail

    public init(code: String, message: String, field: String? = nil) {
        error = Detail(code: code, message: message, field: field)
    }
}
