/// A syntactically plausible e-mail address, trimmed and lower-cased so that one mailbox is one account.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public static let maximumLength = 254

    /// Returns nil for anything that cannot be an address; the caller turns that into a field error.
    public init?(_ raw: String) {
        let trimmed = raw.trimmingWhitespace().lowercased()
        guard trimmed.utf8.count <= Self.maximumLength,
            let at = trimmed.lastIndex(of: "@"),
            at != trimmed.startIndex
        else { return nil }
        let domain = trimmed[trimmed.index(after: at)...]
        let local = trimmed[..<at]
        guard !local.isEmpty, local.utf8.count <= 64,
            domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."),
            !trimmed.contains(where: {
                $0.isWhitespace || $0 == "<" || $0 == ">" || $0.asciiValue.map { $0 < 0x20 } ?? false
            })
        else { return nil }
        value = trimmed
    }

    public var description: String { value }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
