import Foundation

extension HTTPRequest {
    /// Decodes a JSON body into `T`, or throws an `HTTPError` whose message is safe to show:
    /// - 415 `unsupported_media_type` unless Content-Type is `application/json` (parameters allowed);
    /// - 400 `invalid_json` for an empty, malformed or non-object body;
    /// - 400 `invalid_input` with `field` (e.g. `password`, `items[0].name`) for a missing or mistyped field.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard Self.isJSON(headers["Content-Type"]) else { throw HTTPError.unsupportedMediaType() }
        guard body.contains(where: { !Self.isJSONWhitespace($0) }) else {
            throw HTTPError.invalidJSON(DecodingFailure.notAnObject)
        }
        do {
            return try JSONCoding.decoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw DecodingFailure.httpError(for: error)
        }
    }

    private static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
