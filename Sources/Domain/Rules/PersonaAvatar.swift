/// A persona's deterministic avatar: initials on a colour whose hue comes from the persona's id, so the
/// same persona looks the same everywhere and renaming keeps its colour.
public struct PersonaAvatar: Sendable, Equatable {
    /// The id the avatar is drawn from (clients may feed it to their own generative art).
    public let seed: String
    /// One or two uppercase letters: first and last word of the name.
    public let initials: String
    /// 0–359, FNV-1a of the seed.
    public let hue: Int

    public init(id: PersonaID, name: String) {
        seed = id.rawValue
        initials = Self.initials(of: name)
        hue = Int(Self.fnv1a(id.rawValue) % 360)
    }

    static func initials(of name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace || $0 == "-" })
        let letters = [words.first, words.count > 1 ? words.last : nil].compactMap { $0?.first(where: \.isLetter) }
        let result = String(letters).uppercased()
        return result.isEmpty ? "?" : result
    }

    /// 64-bit FNV-1a over the UTF-8 bytes: stable across processes and platforms, unlike `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
