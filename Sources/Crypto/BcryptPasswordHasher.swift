internal import CCrypt
public import Domain
internal import Glibc

/// bcrypt (`$2b$`) through libxcrypt: `crypt_gensalt_rn` for the setting, `crypt_r` for the hash.
/// Passwords longer than `Password.maximumBytes` (bcrypt reads only 72) are refused, never truncated.
public struct BcryptPasswordHasher: PasswordHasher {
    public let cost: Int

    private static let prefixes = ["$2b$", "$2a$", "$2y$"]
    private static let hashLength = 60

    public init(cost: Int = 12) {
        precondition((4...31).contains(cost), "bcrypt cost must be 4...31")
        self.cost = cost
    }

    /// Any thread; blocks for the whole key derivation (~240 ms at cost 12), so never on an event loop.
    public func hash(_ password: Password) throws -> PasswordHash {
        guard Self.isHashable(password) else {
            throw DomainError.invalid(
                "password", "Password must be at most \(Password.maximumBytes) bytes and contain no NUL character.")
        }
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        // NULL random bytes: libxcrypt draws the salt from the OS RNG (getrandom).
        let made = setting.withUnsafeMutableBufferPointer { out in
            crypt_gensalt_rn("$2b$", UInt(cost), nil, 0, out.baseAddress, Int32(out.count))
        }
        guard made != nil else { throw CryptoError(.saltGenerationFailed, detail: "crypt_gensalt_rn errno \(errno)") }
        let settingText = String(decoding: setting.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let output = Self.crypt(password.value, setting: settingText) else {
            throw CryptoError(.hashingFailed, detail: "crypt_r errno \(errno)")
        }
        return PasswordHash(output)
    }

    /// Any thread; as slow as `hash`. Runs the full derivation and compares all 60 bytes in constant time.
    public func verify(_ password: Password, against hash: PasswordHash) -> Bool {
        let stored = hash.value
        guard stored.utf8.count == Self.hashLength, Self.prefixes.contains(where: stored.hasPrefix),
            Self.isHashable(password), let output = Self.crypt(password.value, setting: stored)
        else { return false }
        return ConstantTime.equals(Array(output.utf8), Array(stored.utf8))
    }

    private static func isHashable(_ password: Password) -> Bool {
        password.value.utf8.count <= Password.maximumBytes && !password.value.utf8.contains(0)
    }

    /// `crypt_r` with a zeroed `crypt_data` on the heap (~32 KB: too big for a thread's stack), wiped
    /// before it is freed. Nil for a NULL or `*`-prefixed failure token.
    private static func crypt(_ phrase: String, setting: String) -> String? {
        let size = MemoryLayout<crypt_data>.size
        guard let raw = calloc(1, size) else { return nil }
        defer {
            explicit_bzero(raw, size)
            free(raw)
        }
        let data = raw.bindMemory(to: crypt_data.self, capacity: 1)
        guard let result = crypt_r(phrase, setting, data) else { return nil }
        let text = String(cString: result)
        return text.hasPrefix("*") ? nil : text
    }
}
