/// Cryptographic hashing for Domain (request hashes); implemented in Crypto.
public protocol Digest: Sendable {
    /// Lowercase hex of the SHA-256 of `bytes`.
    func sha256Hex(_ bytes: [UInt8]) throws -> String
}
