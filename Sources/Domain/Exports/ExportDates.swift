public import Foundation

/// Dates as exports write them: ISO-8601 UTC, and the compact stamps of file names.
public enum ExportDates {
    public static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: utc))
    }

    /// "2025-03-04 17:05 UTC", for people.
    public static func readable(_ date: Date) -> String {
        let parts = components(date)
        return "\(parts.year)-\(parts.month)-\(parts.day) \(parts.hour):\(parts.minute) UTC"
    }

    /// `cohorta-personas-YYYYMMDD-HHMM.<ext>`.
    public static func personasFilename(at date: Date, format: ExportFormat) -> String {
        let parts = components(date)
        return "cohorta-personas-\(parts.year)\(parts.month)\(parts.day)-\(parts.hour)\(parts.minute)."
            + format.fileExtension
    }

    /// `cohorta-session-<slug of name>-YYYYMMDD.<ext>`.
    public static func sessionFilename(name: String, at date: Date, format: ExportFormat) -> String {
        let parts = components(date)
        return "cohorta-session-\(ExportText.slug(name))-\(parts.year)\(parts.month)\(parts.day)."
            + format.fileExtension
    }

    private static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    private static func components(_ date: Date) -> (
        year: String, month: String, day: String, hour: String, minute: String
    ) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return (
            padded(parts.year, 4), padded(parts.month, 2), padded(parts.day, 2), padded(parts.hour, 2),
            padded(parts.minute, 2)
        )
    }
}
