public import Foundation

/// `{"notice": …, "exported_at": …, "personas": [ …the API's representation… ]}`, a persona at a time.
public final class PersonaJSONWriter: PersonaExportWriter {
    private let sink: any ByteSink
    private let encode: (Persona) throws -> [UInt8]
    private var count = 0

    public init(sink: any ByteSink, encode: @escaping (Persona) throws -> [UInt8]) {
        self.sink = sink
        self.encode = encode
    }

    public func begin(exportedAt: Date) throws {
        let notice = JSONValue.string(ExportNotice.sentence).serialized
        let date = JSONValue.string(ExportDates.iso(exportedAt)).serialized
        try sink.write("{\"notice\":\(notice),\"exported_at\":\(date),\"personas\":[\n")
    }

    public func write(_ persona: Persona, folder: String?) throws {
        if count > 0 { try sink.write(",\n") }
        try sink.write(try encode(persona))
        count += 1
    }

    public func finish() throws { try sink.write("\n]}\n") }
}
