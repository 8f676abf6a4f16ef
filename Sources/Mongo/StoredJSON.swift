internal import Domain

/// A `JSONValue` (a Domain type's canonical JSON, like `DiscussionGuide.json`) stored as the BSON it
/// reads as: objects as sub-documents in member order, arrays as arrays, integral numbers as exact
/// int64, other numbers as doubles. It goes through the Codable containers, so the encoder's key check
/// applies to every member name.
struct StoredJSON: Codable {
    let json: JSONValue

    init(_ json: JSONValue) { self.json = json }

    func encode(to encoder: any Encoder) throws {
        switch json {
        case .object(let members):
            var container = encoder.container(keyedBy: MemberKey.self)
            for (name, value) in members { try container.encode(StoredJSON(value), forKey: MemberKey(name)) }
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(StoredJSON(value)) }
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let number):
            var container = encoder.singleValueContainer()
            if number == number.rounded(), let integer = Int64(exactly: number) {
                try container.encode(integer)
            } else {
                try container.encode(number)
            }
        }
    }

    /// Reads whichever JSON shape is stored: a document, an array, or a scalar.
    init(from decoder: any Decoder) throws {
        if let document = try? decoder.container(keyedBy: MemberKey.self) {
            json = .object(
                try document.allKeys.map { ($0.stringValue, try document.decode(StoredJSON.self, forKey: $0).json) })
        } else if var array = try? decoder.unkeyedContainer() {
            var values: [JSONValue] = []
            while !array.isAtEnd { values.append(try array.decode(StoredJSON.self).json) }
            json = .array(values)
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                json = .null
            } else if let flag = try? value.decode(Bool.self) {
                json = .bool(flag)
            } else if let text = try? value.decode(String.self) {
                json = .string(text)
            } else {
                json = .number(try value.decode(Double.self))
            }
        }
    }

    private struct MemberKey: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
