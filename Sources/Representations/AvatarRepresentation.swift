/// A persona's generated avatar: `{seed, initials, hue}`.
public struct AvatarRepresentation: Encodable, Sendable {
    public let seed: String
    public let initials: String
    public let hue: Int

    public init(seed: String, initials: String, hue: Int) {
        self.seed = seed
        self.initials = initials
        self.hue = hue
    }
}
