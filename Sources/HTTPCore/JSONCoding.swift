public import Foundation

/// The one JSON configuration for every body Cohorta reads or writes.
/// Encoders and decoders are cheap to make and not shared across threads, so each call makes its own.
public enum JSONCoding {
    /// Sorted keys, `/` unescaped, dates as plain ISO 8601 (`2026-11-24T20:00:00Z`).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Dates as plain ISO 8601; keys exactly as sent (types declare snake_case `CodingKeys` themselves).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
