import Foundation

/// One way a JSON value fails its schema: where (a JSON pointer, RFC 6901) and what, in words a model or a
/// developer can act on. `description` reads "/profiles/3/age: must be ≤ 90".
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// JSON pointer to the offending value; "" is the document itself.
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        "\(path.isEmpty ? "/" : path): \(message)"
    }

    /// `path` extended by one object member or array index, escaped as RFC 6901 asks.
    static func pointer(_ path: String, appending token: String) -> String {
        path + "/" + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
