/// Where each generated attribute came from: inferred by the model, or read from rows of the customer data.
/// Keys are the attribute names of `PersonaProvenance.fields` (the persona's JSON field names).
public struct PersonaProvenance: Sendable, Equatable {
    public enum Source: String, Sendable, CaseIterable {
        case inferred
        case customerData = "customer_data"
    }

    /// One attribute's origin; `rows` are 1-based row numbers of the uploaded data (empty when inferred).
    public struct Origin: Sendable, Equatable {
        public let source: Source
        public let rows: [Int]

        public init(source: Source, rows: [Int] = []) {
            self.source = source
            self.rows = rows
        }
    }

    /// The attributes provenance may describe.
    public static let fields: Set<String> = [
        "name", "age", "gender", "location", "occupation", "income_band", "attitude", "bio", "quote",
        "psychographics.values", "psychographics.motivations", "psychographics.frustrations",
        "psychographics.interests", "behaviours.shopping", "behaviours.media", "behaviours.technology",
    ]

    public var origins: [String: Origin]

    public init(_ origins: [String: Origin] = [:]) { self.origins = origins }
}
