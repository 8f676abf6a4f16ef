public import Domain

/// Domain's `Digest` port over libcrypto's SHA-256. Any thread.
public struct SHA256Digest: Digest {
    public init() {}

    public func sha256Hex(_ bytes: [UInt8]) throws -> String {
        try SHA256.hash(bytes).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
