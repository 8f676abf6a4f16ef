internal import COpenSSL

/// HMAC-SHA256 (RFC 2104) through libcrypto's one-shot `HMAC(EVP_sha256(), …)`.
public enum HMACSHA256 {
    public static let byteCount = 32

    /// Any thread. The 32-byte MAC of `message` under `key`. Compare MACs with `ConstantTime.equals`.
    public static func authenticationCode(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        // libcrypto wants a non-NULL key pointer even for an empty key.
        let keyBytes = key.isEmpty ? [0] : key
        let result = keyBytes.withUnsafeBytes { k in
            message.withUnsafeBytes { m in
                mac.withUnsafeMutableBufferPointer { out in
                    HMAC(
                        EVP_sha256(), k.baseAddress, Int32(key.count),
                        m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count, out.baseAddress, &length)
                }
            }
        }
        guard result != nil, length == byteCount else { throw CryptoError(.digestFailed, detail: "HMAC") }
        return mac
    }
}
