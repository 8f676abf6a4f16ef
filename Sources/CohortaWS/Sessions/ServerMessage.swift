import Foundation

/// Everything cohorta-ws sends, as JSON text frames.
enum ServerMessage: Encodable {
    case hello(userID: String)
    case pong
    case error(code: String, message: String)

    private enum CodingKeys: String, CodingKey {
        case type
        case userID = "user_id"
        case code
        case message
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .hello(let userID):
            try container.encode("hello", forKey: .type)
            try container.encode(userID, forKey: .userID)
        case .pong:
            try container.encode("pong", forKey: .type)
        case .error(let code, let message):
            try container.encode("error", forKey: .type)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
        }
    }

    /// The frame text. Encoding these fixed shapes of strings cannot fail.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return #"{"type":"error","code":"internal"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The part of a client frame we look at now; rooms add fields later.
struct ClientMessage: Decodable {
    let type: String
}
