/// How a persona acts: short phrases, a bounded number of each (see `PersonaValidation`).
public struct PersonaBehaviours: Sendable, Equatable {
    public var shopping: [String]
    public var media: [String]
    public var technology: [String]

    public init(shopping: [String] = [], media: [String] = [], technology: [String] = []) {
        self.shopping = shopping
        self.media = media
        self.technology = technology
    }
}
