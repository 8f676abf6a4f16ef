/// A stored boolean read as true, false or an integer (nonzero is true): nx-27017's form of `$set: {f: true}`.
struct StoredFlag: Codable {
    let value: Bool

    init(_ value: Bool) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
        } else if let number = try? container.decode(Int32.self) {
            value = number != 0
        } else {
            value = try container.decode(Int64.self) != 0
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
