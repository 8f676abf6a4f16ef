import Foundation

/// Escaping for the text formats: CSV cells (RFC 4180, formula injection), HTML/XML and Markdown.
public enum ExportText {
    /// One RFC 4180 row with CRLF. A cell that starts with = + - @ gets a leading ' so a spreadsheet
    /// never runs it as a formula.
    public static func csvRow(_ cells: [String]) -> String {
        cells.map(csvCell).joined(separator: ",") + "\r\n"
    }

    public static func csvCell(_ value: String) -> String {
        var cell = value
        if let first = cell.first, "=+-@".contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text for HTML and XML content and attributes; characters XML 1.0 forbids are dropped.
    public static func markup(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text for a Markdown paragraph: no raw HTML, and a line that would start a heading, list or quote
    /// is escaped so it reads as text.
    public static func markdown(_ value: String) -> String {
        value.replacingOccurrences(of: "<", with: "&lt;").split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> String in
                guard let first = line.first, "#>-*+|".contains(first) else { return String(line) }
                return "\\" + line
            }.joined(separator: "  \n")
    }

    /// Text for one Markdown line (a heading or table cell): newlines become spaces, `|` is escaped.
    public static func markdownInline(_ value: String) -> String {
        markdown(value.replacingOccurrences(of: "\n", with: " ")).replacingOccurrences(of: "|", with: "\\|")
    }

    /// "my-session-name": lowercase ASCII letters and digits, runs of anything else as one hyphen, ≤ 40.
    public static func slug(_ value: String) -> String {
        var slug = ""
        for scalar in value.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        let trimmed = String(slug.prefix(40)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "session" : trimmed
    }
}
