import Domain
import Foundation
import Testing

@Suite struct CustomerDataCSVTests {
    private func parse(_ text: String) throws -> CustomerDataCSV { try CustomerDataCSV(Array(text.utf8)) }

    private func message(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as DomainError {
            #expect(error.code == .invalidInput)
            #expect(error.field == CustomerDataCSV.field)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func aHeaderAndRowsParseWithQuotedCellsAndCRLF() throws {
        let csv = try parse(
            "\u{FEFF}age,city,note\r\n34,Leeds,\"likes \"\"fast\"\" bikes, mostly\"\r\n51,\"Bristol\",\"two\nlines\"\r\n"
        )
        #expect(csv.columns == ["age", "city", "note"])
        #expect(csv.rows == [["34", "Leeds", "likes \"fast\" bikes, mostly"], ["51", "Bristol", "two\nlines"]])
    }

    @Test func emptyLinesAndAMissingFinalNewlineAreFine() throws {
        let csv = try parse("a,b\n1,2\n\n3,\n")
        #expect(csv.rows == [["1", "2"], ["3", ""]])
    }

    @Test func aRowWithTheWrongCellCountNamesTheRow() {
        #expect(message("a,b,c\n1,2,3\n4,5\n") == "row 2 has 2 cells, the header has 3.")
    }

    @Test func quotingMistakesNameTheRow() {
        #expect(message("a,b\n1,\"open\n") == "row 1 has a quote that is never closed.")
        #expect(message("a,b\n1,2\n3,x\"y\n")?.hasPrefix("row 2 has a quote inside an unquoted cell") == true)
        #expect(message("a,b\n\"x\"y,2\n") == "row 1 has text after a closing quote.")
    }

    @Test func theHeaderIsRequiredAndChecked() {
        #expect(message("") == "The CSV is empty: a header row is required.")
        #expect(message("a,b\n") == "The CSV has a header but no data rows.")
        #expect(message("a,,c\n1,2,3\n") == "Header column 2 has no name.")
        #expect(message("a,A\n1,2\n") == "The header names the column \"A\" twice.")
    }

    @Test func limitsOnRowsColumnsAndCells() throws {
        let header = (1...31).map { "c\($0)" }.joined(separator: ",")
        #expect(message(header + "\n") == "The header has 31 columns; at most 30 are allowed.")
        let many = "a\n" + String(repeating: "1\n", count: 501)
        #expect(message(many) == "The CSV has 501 data rows; at most 500 are allowed.")
        #expect(try parse("a\n" + String(repeating: "1\n", count: 500)).rows.count == 500)
        let long = "a,b\n1,2\n3," + String(repeating: "x", count: 501) + "\n"
        #expect(message(long) == "row 2, column \"b\" is longer than 500 characters.")
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: DomainError.self) { try CustomerDataCSV([0x61, 0x0A, 0xFF, 0xFE, 0x0A]) }
    }
}

@Suite struct CustomerDataPromptTests {
    private func dataset(rows: Int) -> CustomerDataset {
        CustomerDataset(
            id: CustomerDatasetID("d"), ownerID: UserID("u"), name: "n", columns: ["city", "note"],
            rows: (1...rows).map { ["City \($0)", $0 == 1 ? "a, \"b\"" : "x"] }, createdAt: .init())
    }

    @Test func smallDataIsShownWholeWithARowColumn() {
        #expect(dataset(rows: 2).promptCSV(seed: 1) == "row,city,note\n1,City 1,\"a, \"\"b\"\"\"\n2,City 2,x\n")
    }

    @Test func largeDataIsSampledDeterministicallyBySeed() {
        let data = dataset(rows: 200)
        let lines = data.promptCSV(seed: 9).split(separator: "\n")
        #expect(lines.count == 1 + CustomerDataset.rowsPerPrompt)
        let numbers = lines.dropFirst().compactMap { Int($0.split(separator: ",")[0]) }
        #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count)
        #expect(numbers.allSatisfy { (1...200).contains($0) })
        #expect(data.promptCSV(seed: 9) == data.promptCSV(seed: 9))
        #expect(data.promptCSV(seed: 9) != data.promptCSV(seed: 10))
    }
}
