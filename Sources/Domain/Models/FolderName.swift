import Foundation

/// A folder's display name: trimmed, 1–80 characters, no control characters.
public struct FolderName: Sendable, Equatable, CustomStringConvertible {
    public static let maximumLength = 80

    public let value: String

    public init?(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= Self.maximumLength,
            !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        value = trimmed
    }

    public var description: String { value }
}

extension FolderName {
    /// The name, or a field error on `name`.
    static func validated(_ raw: String) throws -> FolderName {
        guard let name = FolderName(raw) else {
            throw DomainError.invalid(
                "name", "name must be 1 to \(maximumLength) characters, without control characters.")
        }
        return name
    }
}
