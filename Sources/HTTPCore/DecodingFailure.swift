/// Turns a `DecodingError` into a client-safe `HTTPError`. Messages name JSON kinds, never Swift types.
enum DecodingFailure {
    static let notAnObject = "Request body must be a JSON object."
    static let malformed = "Request body is not valid JSON."

    static func httpError(for error: DecodingError) -> HTTPError {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .invalidInput(field: field, "\(field) is required")
        case .valueNotFound(_, let context):
            guard !context.codingPath.isEmpty else { return .invalidJSON(notAnObject) }
            let field = path(context.codingPath)
            return .invalidInput(field: field, "\(field) is required")
        case .typeMismatch(let type, let context):
            guard !context.codingPath.isEmpty else { return .invalidJSON(notAnObject) }
            let field = path(context.codingPath)
            return .invalidInput(field: field, "\(field) must be \(jsonKind(of: type))")
        case .dataCorrupted(let context):
            guard !context.codingPath.isEmpty else { return .invalidJSON(malformed) }
            let field = path(context.codingPath)
            return .invalidInput(field: field, "\(field) has an invalid value")
        @unknown default:
            return .invalidJSON(malformed)
        }
    }

    /// `["items", 0, "name"]` → `items[0].name`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result
    }

    /// The JSON kind a Swift type expects, phrased for "<field> must be …".
    static func jsonKind(of type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type, is Character.Type: "a string"
        case is Bool.Type: "true or false"
        case is any BinaryInteger.Type: "an integer"
        case is any FloatingPoint.Type: "a number"
        case is any JSONArrayShaped.Type: "an array"
        default: "an object"
        }
    }
}

/// Marks the types JSON decodes from an array, so `jsonKind(of:)` can tell them from objects.
protocol JSONArrayShaped {}
extension Array: JSONArrayShaped {}
extension ContiguousArray: JSONArrayShaped {}
extension Set: JSONArrayShaped {}
