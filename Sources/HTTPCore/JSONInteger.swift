/// A JSON integer field that reports a fraction (`1.5`) as "must be an integer" on its own path.
/// Foundation's decoder on Linux reports such a number as a root-level "not valid JSON", which would
/// hide the field from the client.
public struct JSONInteger: Decodable, Sendable, Equatable {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let exact = try? container.decode(Int64.self) {
            value = exact
            return
        }
        // Anything else numeric or not is a type error at this field's path.
        throw DecodingError.typeMismatch(
            Int64.self,
            DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "expected a whole number"))
    }
}
