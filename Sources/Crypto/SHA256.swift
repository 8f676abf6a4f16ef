internal import COpenSSL

/// SHA-256 (FIPS 180-4) through libcrypto's EVP interface.
public enum SHA256 {
    public static let byteCount = 32

    /// Any thread. The 32-byte digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        guard ok == 1, length == byteCount else { throw CryptoError(.digestFailed, detail: "EVP_Digest") }
        return digest
    }
}
