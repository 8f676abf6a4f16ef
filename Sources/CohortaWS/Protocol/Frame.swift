import Foundation
import HTTPCore

/// An outgoing frame's text: `{"type": …}` merged with the fields of an Encodable value, encoded once
/// with the REST API's JSON settings (a room event is encoded once and the same text goes to every member).
enum Frame {
    private struct Typed<Fields: Encodable>: Encodable {
        let type: String
        let fields: Fields

        private struct TypeKey: CodingKey {
            var stringValue: String { "type" }
            var intValue: Int? { nil }
            init() {}
            init?(stringValue: String) { nil }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: TypeKey.self)
            try container.encode(type, forKey: TypeKey())
            try fields.encode(to: encoder)
        }
    }

    private struct NoFields: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    static func text(_ type: String, _ fields: some Encodable) -> String {
        // Encoding values built from Swift strings and numbers cannot fail; keep the socket alive if it does.
        guard let data = try? JSONCoding.encoder().encode(Typed(type: type, fields: fields)) else {
            return #"{"code":"internal","message":"The server could not encode a message.","type":"error"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func text(_ type: String) -> String { text(type, NoFields()) }
}
