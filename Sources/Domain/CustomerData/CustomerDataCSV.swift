import Foundation

/// An uploaded customer-data CSV, parsed and checked (RFC 4180: comma-separated, `"` quotes a cell, `""` is
/// a quote inside one, CRLF or LF line ends). The first line is the header; data rows are numbered from 1,
/// the numbers personas cite in their provenance. Empty lines are skipped. Pure: no I/O.
public struct CustomerDataCSV: Sendable, Equatable {
    public static let maximumBytes = 1_048_576
    public static let rowCounts = 1...500
    public static let maximumColumns = 30
    public static let maximumCellLength = 500
    /// Errors name this field (the request body); messages name the row.
    public static let field = "csv"

    public let columns: [String]
    public let rows: [[String]]

    /// Parses `bytes` (UTF-8, an optional byte-order mark) or throws `.invalidInput` on `csv` with a message
    /// naming the problem and its row, e.g. "row 12 has 4 cells, the header has 5.".
    public init(_ bytes: [UInt8]) throws {
        guard bytes.count <= Self.maximumBytes else {
            throw Self.invalid("The CSV is larger than \(Self.maximumBytes / 1_048_576) MiB.")
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw Self.invalid("The CSV is not valid UTF-8 text.")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = try Self.records(text)
        guard let header = records.first else { throw Self.invalid("The CSV is empty: a header row is required.") }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard columns.count <= Self.maximumColumns else {
            throw Self.invalid("The header has \(columns.count) columns; at most \(Self.maximumColumns) are allowed.")
        }
        if let blank = columns.firstIndex(where: \.isEmpty) {
            throw Self.invalid("Header column \(blank + 1) has no name.")
        }
        var seen: Set<String> = []
        for column in columns where !seen.insert(column.lowercased()).inserted {
            throw Self.invalid("The header names the column \"\(column)\" twice.")
        }
        let rows = Array(records.dropFirst())
        guard Self.rowCounts.contains(rows.count) else {
            throw Self.invalid(
                rows.isEmpty
                    ? "The CSV has a header but no data rows."
                    : "The CSV has \(rows.count) data rows; at most \(Self.rowCounts.upperBound) are allowed.")
        }
        for (offset, row) in rows.enumerated() {
            let number = offset + 1
            guard row.count == columns.count else {
                throw Self.invalid("row \(number) has \(row.count) cells, the header has \(columns.count).")
            }
            if let long = row.firstIndex(where: { $0.count > Self.maximumCellLength }) {
                throw Self.invalid(
                    "row \(number), column \"\(columns[long])\" is longer than \(Self.maximumCellLength) characters.")
            }
        }
        self.columns = columns
        self.rows = rows
    }

    /// The records of `text`; a record's line number in errors is its data-row number (the header is row 0).
    private static func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var cell = ""
        var quoted = false  // inside a quoted cell
        var afterQuote = false  // a quoted cell just closed: only a comma or a line end may follow
        var cellStarted = false
        var characters = Array(text).makeIterator()
        var pending: Character? = nil
        func row() -> Int { records.count }
        func endRecord() {
            if !(record.isEmpty && !cellStarted && cell.isEmpty) {
                record.append(cell)
                records.append(record)
            }
            record = []
            cell = ""
            cellStarted = false
            afterQuote = false
        }
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        cell.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                        pending = next
                    }
                } else {
                    cell.append(character)
                }
                continue
            }
            switch character {
            case ",":
                record.append(cell)
                cell = ""
                cellStarted = true
                afterQuote = false
            case "\n", "\r\n", "\r":
                endRecord()
            case "\"":
                guard cell.isEmpty, !afterQuote else {
                    throw invalid("\(rowName(row())) has a quote inside an unquoted cell; quote the whole cell.")
                }
                quoted = true
                cellStarted = true
            default:
                guard !afterQuote else {
                    throw invalid("\(rowName(row())) has text after a closing quote.")
                }
                cell.append(character)
                cellStarted = true
            }
        }
        guard !quoted else { throw invalid("\(rowName(row())) has a quote that is never closed.") }
        endRecord()
        return records
    }

    private static func rowName(_ record: Int) -> String { record == 0 ? "The header" : "row \(record)" }

    private static func invalid(_ message: String) -> DomainError { .invalid(field, message) }
}
