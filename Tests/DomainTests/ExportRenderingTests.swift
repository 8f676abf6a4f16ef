import CohortaTestSupport
import Domain
import Foundation
import Testing

/// A sink that keeps everything, for reading a writer's output back.
final class CollectingSink: ArchiveSink {
    var bytes: [UInt8] = []
    var entries: [String: [UInt8]] = [:]
    private var entry: String?

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func write(_ bytes: [UInt8]) throws {
        if let entry { entries[entry, default: []] += bytes } else { self.bytes += bytes }
    }

    func beginEntry(_ path: String) throws { entry = path }
    func endEntry() throws { entry = nil }
}

struct ExportRenderingTests {
    let owner = UserID("0000000000000000000000u1")
    let personas = InMemoryPersonas()
    let sessions = InMemorySessions()
    let clock = MockClock()
    var renderer: ExportRenderer {
        ExportRenderer(personas: personas, folders: personas, sessions: sessions, clock: clock)
    }

    private func storedSession(messages: Int) throws -> FocusGroupSession {
        let ids = [PersonaID("p1"), PersonaID("p2"), PersonaID("p3")]
        let session = try sessions.insert(
            SessionFixtures.session(owner: owner, group: FocusGroupID("0000000000000000000000g1"), participants: ids))
        for seq in 1...messages {
            let speaker: Speaker = seq.isMultiple(of: 3) ? .moderator : .participant(ids[seq % 3])
            _ = try sessions.append(
                SessionFixtures.message(
                    session.id, seq: seq, text: seq == 7 ? "=HYPERLINK(\"x\")" : "Line \(seq)", speaker: speaker))
        }
        return session
    }

    private func render(_ format: ExportFormat, messages: Int = 250) throws -> CollectingSink {
        let session = try storedSession(messages: messages)
        let sink = CollectingSink()
        let writer = try #require(format.sessionWriter(sink: sink, archive: sink))
        var steps: [TaskProgress] = []
        let written = try renderer.session(session.id, of: owner, into: writer) { steps.append($0) }
        #expect(written == messages)
        #expect(steps.count == messages / ExportRenderer.pageSize + 1)
        #expect(steps.last?.done == messages)
        return sink
    }

    @Test func markdownHoldsEveryMessageWithAnchorsAndLinkedThemes() throws {
        let text = try render(.md).text
        #expect(text.hasPrefix("> **\(ExportNotice.text).**"))
        for seq in 1...250 { #expect(text.contains("<a id=\"message-\(seq)\"></a>**\(seq). ")) }
        #expect(text.contains("([message 2](#message-2))"))
        #expect(text.contains("still running when exported"))
    }

    @Test func jsonParsesWithEveryMessageInOrder() throws {
        let json = try JSONValue.parse(Array(try render(.json).bytes))
        #expect(json["notice"]?.stringValue == ExportNotice.sentence)
        #expect(json["messages"]?.arrayValue?.compactMap { $0["seq"]?.intValue } == Array(1...250))
        #expect(json["report"]?["themes"]?.arrayValue?.count == 1)
        #expect(json["polls"]?.arrayValue?.first?["statistics"]?["n"]?.intValue == 9)
        #expect(json["incomplete"] == .bool(true))
    }

    @Test func csvIsOneTableWithMessagesThenPollAnswersAndDefusedFormulas() throws {
        let lines = try render(.csv, messages: 10).text.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("# \(ExportNotice.text)"))
        #expect(lines[1] == SessionCSVWriter.columns.joined(separator: ","))
        #expect(lines.filter { $0.hasPrefix("message,") }.count == 10)
        #expect(lines.filter { $0.hasPrefix("poll_answer,") }.count == 3)
        #expect(lines.contains { $0.contains("\"'=HYPERLINK(\"\"x\"\")\"") })
    }

    @Test func htmlIsSelfContainedAndPrintStyled() throws {
        let html = try render(.html, messages: 5).text
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("@page{margin:2cm}") && html.contains("break-before:page"))
        #expect(html.contains("<a href=\"#message-2\">") && html.contains("id=\"message-2\""))
        #expect(!html.contains("<script") && !html.contains("<link"))
        #expect(html.contains(ExportNotice.sentence))
    }

    @Test func docxPackagesItsPartsWithBookmarksAndInternalLinks() throws {
        let sink = try render(.docx, messages: 5)
        #expect(sink.bytes.isEmpty)
        #expect(
            Set(sink.entries.keys) == [
                "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml",
                "word/document.xml",
            ])
        let document = String(decoding: try #require(sink.entries["word/document.xml"]), as: UTF8.self)
        #expect(document.contains("w:name=\"message_5\"") && document.contains("w:anchor=\"message_2\""))
        #expect(document.contains(ExportNotice.sentence) && document.hasSuffix("</w:document>"))
    }

    @Test func personasAreWrittenAPageAtATimeInEveryFormat() throws {
        for number in 0..<230 {
            _ = try personas.insert(
                NewPersona(
                    ownerID: owner, folderID: nil, profile: SessionFixtures.profile("Person \(number)", age: 30),
                    generation: PersonaGeneration(taskID: nil, brief: nil), createdAt: clock.now))
        }
        for format in [ExportFormat.json, .csv, .md] {
            let sink = CollectingSink()
            let writer = try #require(
                format.personaWriter(sink: sink) { Array("{\"name\":\"\($0.profile.name)\"}".utf8) })
            var steps = 0
            #expect(try renderer.personas(.all, of: owner, into: writer) { _ in steps += 1 } == 230)
            #expect(steps == 3)
            #expect(sink.text.contains(ExportNotice.text))
            if format == .json {
                #expect(try JSONValue.parse(sink.bytes)["personas"]?.arrayValue?.count == 230)
            }
        }
    }

    @Test func csvCellsAreQuotedAndFormulasDefused() {
        #expect(
            ExportText.csvRow(["a,b", "say \"hi\"", "=1+1", "-3", "@x", "plain"])
                == "\"a,b\",\"say \"\"hi\"\"\",'=1+1,'-3,'@x,plain\r\n")
    }

    @Test func chunkerStoresFixedSizeChunks() throws {
        let store = InMemoryExports()
        let export = try store.insert(
            NewExport(
                ownerID: owner, kind: .personas, format: .csv, filename: "f.csv", createdAt: clock.now,
                expiresAt: clock.now.addingTimeInterval(60)))
        let chunker = ExportChunker(store: store, export: export.id, expiresAt: export.expiresAt, chunkSize: 10)
        try chunker.write(Array(repeating: 1, count: 7))
        try chunker.write(Array(repeating: 2, count: 16))
        try chunker.finish()
        #expect(chunker.sizeBytes == 23 && chunker.chunkCount == 3)
        #expect(try store.chunk(0, of: export.id)?.count == 10)
        #expect(try store.chunk(2, of: export.id)?.count == 3)
    }

    @Test func filenamesCarryTheDateAndASlug() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00 UTC
        #expect(ExportDates.personasFilename(at: date, format: .csv) == "cohorta-personas-20270115-0800.csv")
        #expect(
            ExportDates.sessionFilename(name: "Meal-kit: Concept Test!", at: date, format: .docx)
                == "cohorta-session-meal-kit-concept-test-20270115.docx")
    }
}
