import Foundation

/// The rows a prompt shows the model (the `customer_rows` variable of the persona templates).
extension CustomerDataset {
    /// Rows shown per LLM call, so prompts stay bounded however large the upload.
    public static let rowsPerPrompt = 40

    /// CSV whose first column, `row`, is the 1-based row number to cite, then the dataset's columns. At most
    /// `limit` rows, chosen by `seed` (the same seed always picks the same rows) and listed in row order.
    public func promptCSV(seed: Int, limit: Int = CustomerDataset.rowsPerPrompt) -> String {
        var numbers = rows.indices.map { $0 + 1 }
        if numbers.count > limit {
            var generator = SamplingPlan.Generator(seed: UInt64(bitPattern: Int64(seed)))
            numbers = Array(generator.shuffled(numbers).prefix(limit)).sorted()
        }
        let lines =
            [(["row"] + columns).map(Self.quoted).joined(separator: ",")]
            + numbers.map { number in ([String(number)] + rows[number - 1]).map(Self.quoted).joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting: a cell with a comma, quote or line break is quoted, its quotes doubled.
    private static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
