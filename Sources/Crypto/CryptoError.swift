/// A failure inside libcrypto or libcrypt. `message` is safe to show; `detail` is for logs only.
public struct CryptoError: Error, Sendable, Equatable, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case randomUnavailable = "random_unavailable"
            case digestFailed = "digest_failed"
            case saltGenerationFailed = "salt_generation_failed"
            case hashingFailed = "hashing_failed"
            case encodingFailed = "encoding_failed"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        public var description: String { base.rawValue }

        /// `RAND_bytes` could not produce bytes (RNG not seeded or provider missing).
        public static let randomUnavailable = Code(.randomUnavailable)
        /// A SHA-256 or HMAC computation returned an error.
        public static let digestFailed = Code(.digestFailed)
        /// `crypt_gensalt_rn` returned NULL.
        public static let saltGenerationFailed = Code(.saltGenerationFailed)
        /// `crypt_r` returned NULL or a failure token (`*0`, `*1`).
        public static let hashingFailed = Code(.hashingFailed)
        /// JSON encoding of token parts failed.
        public static let encodingFailed = Code(.encodingFailed)
    }

    public let code: Code
    public let message: String
    /// For logs only (C function and errno, never key or password material).
    public let detail: String?

    public init(_ code: Code, detail: String? = nil) {
        self.code = code
        self.message = "A cryptographic operation failed."
        self.detail = detail
    }

    public var debugDescription: String { "CryptoError(\(code)\(detail.map { ": \($0)" } ?? ""))" }
}
