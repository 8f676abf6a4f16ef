import Foundation
import Testing
import Zip

/// The archive is checked by Python's `zipfile` (CRCs included), an independent reader.
struct ZipWriterTests {
    @Test func streamedEntriesReadBackWithTheirContents() throws {
        var archive: [UInt8] = []
        var pieces = 0
        let writer = ZipWriter(modified: Date(timeIntervalSince1970: 1_700_000_000)) {
            archive += $0
            pieces += 1
        }
        let big = (0..<200_000).map { "line \($0)\n" }.joined()
        try writer.beginEntry("[Content_Types].xml")
        try writer.write(Array("<Types/>".utf8))
        try writer.endEntry()
        try writer.beginEntry("word/document.xml")
        for line in stride(from: 0, to: big.utf8.count, by: 100_000) {
            try writer.write(Array(big.utf8.dropFirst(line).prefix(100_000)))
        }
        try writer.endEntry()
        try writer.beginEntry("empty.txt")
        try writer.endEntry()
        try writer.finish()
        #expect(pieces > 3)

        let listing = try python(
            """
            import sys, zipfile, io, hashlib
            z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
            assert z.testzip() is None
            for n in z.namelist(): print(n, len(z.read(n)), hashlib.sha256(z.read(n)).hexdigest()[:12])
            """, input: archive)
        let lines = listing.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("[Content_Types].xml 8 "))
        #expect(lines[1].hasPrefix("word/document.xml \(big.utf8.count) "))
        #expect(lines[2].hasPrefix("empty.txt 0 "))
    }

    @Test func writingOutsideAnEntryIsRefused() throws {
        let writer = ZipWriter(modified: Date()) { _ in }
        #expect(throws: ZipError.self) { try writer.write([1]) }
        #expect(throws: ZipError.self) { try writer.endEntry() }
    }

    private func python(_ script: String, input: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: output, as: UTF8.self)
    }
}
