import Foundation

/// GET /api/admin/usage.csv: one row per day × user × feature × model with a call, RFC 4180 quoted, with
/// spreadsheet formulas defused (a cell starting with = + - or @ gets a leading ').
public enum UsageReportCSV {
    public static let header = [
        "day", "user_id", "email", "feature", "model", "calls", "prompt_tokens", "completion_tokens", "cost_usd",
    ]

    /// `cohorta-usage-FROM-to-TO.csv`.
    public static func filename(for range: UsageRange) -> String {
        "cohorta-usage-\(range.from)-to-\(range.to).csv"
    }

    /// The whole file, lines ending in CRLF as RFC 4180 asks.
    public static func render(_ tally: UsageReportTally) -> String {
        var text = line(header)
        for (cell, figures) in tally.rows {
            text += line([
                cell.day.description, cell.user.rawValue, tally.emails[cell.user]?.value ?? "", cell.feature.rawValue,
                cell.model, String(figures.calls), String(figures.promptTokens), String(figures.completionTokens),
                figures.cost.dollars,
            ])
        }
        return text
    }

    /// One record: the cells, defused and quoted, then CRLF.
    public static func line(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }

    /// One cell: defused, then quoted when it holds a comma, a quote or a line break.
    static func field(_ value: String) -> String {
        let defused = value.first.map { "=+-@".contains($0) } == true ? "'" + value : value
        guard defused.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return defused }
        return "\"" + defused.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
