internal import Foundation

/// Reads the text forms nx-27017 (development and tests) gives dates: `"2024-01-02T03:04:05.678000"`
/// inside a change event's `{"$date": …}`, and `"2024-01-02 03:04:05.678000"` for a date written with
/// `$set` on an existing document. Both are UTC without an offset; a trailing `Z` or `+00:00` is accepted.
/// The result has whole milliseconds, like a BSON date.
enum NXStoredDate {
    static func date(_ text: String) -> Date? {
        var text = Substring(text)
        for suffix in ["Z", "+00:00"] where text.hasSuffix(suffix) { text = text.dropLast(suffix.count) }
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":")
        guard day.count == 3, time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]),
            let seconds = Double(time[2]), (1...12).contains(day[1]), (1...31).contains(day[2]),
            (0..<24).contains(hour), (0..<60).contains(minute), (0..<61).contains(seconds)
        else { return nil }
        let days = daysSinceEpoch(year: day[0], month: day[1], day: day[2])
        let milliseconds =
            Int64(days * 86_400 + hour * 3_600 + minute * 60) * 1_000 + Int64((seconds * 1_000).rounded())
        return Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A stored date field that reads a BSON date or nx-27017's text, and writes a BSON date.
    struct Field: Codable {
        let date: Date

        init(_ date: Date) { self.date = date }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let date = try? container.decode(Date.self) {
                self.date = date
                return
            }
            let text = try container.decode(String.self)
            guard let date = NXStoredDate.date(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date: \(text)")
            }
            self.date = date
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(date)
        }
    }
}
