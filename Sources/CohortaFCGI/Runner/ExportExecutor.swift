import Domain
import Foundation
import HTTPCore

/// Runs `export` tasks: renders the export named in the task's input page by page into its chunks
/// (`ExportChunker`), reporting progress per page, then marks it ready with its size. A resumed run
/// starts the file over (its old chunks are dropped first). A failure or cancel marks the export failed;
/// an interrupted run leaves it pending for the resume.
struct ExportExecutor: TaskExecutor {
    static let failed = TaskFailure.Code("export_failed")
    static let exportGone = TaskFailure.Code("export_not_found")

    let kind = ExportLaunch.kind
    let exports: any ExportStore
    let renderer: ExportRenderer
    let clock: any Domain.Clock

    func run(_ task: TaskRecord, context: any TaskContext) throws -> JSONValue {
        guard let (id, request) = ExportRequest.fromTask(task.input) else {
            throw TaskFailure(Self.failed, "The task names no export.")
        }
        guard let export = try exports.export(id: id, owner: task.userID) else {
            throw TaskFailure(Self.exportGone, "The export no longer exists.")
        }
        do {
            try exports.discardChunks(of: id)
            let chunker = ExportChunker(store: exports, export: id, expiresAt: export.expiresAt)
            let count = try render(request, owner: task.userID, into: chunker, context: context)
            try chunker.finish()
            try exports.markReady(id, sizeBytes: chunker.sizeBytes, chunkCount: chunker.chunkCount)
            return .object([
                ("export_id", .string(id.rawValue)), ("size_bytes", .number(Double(chunker.sizeBytes))),
                ("items", .number(Double(count))),
            ])
        } catch let failure as TaskFailure where failure.code == .interrupted || failure.code == .leaseLost {
            throw failure
        } catch {
            try? exports.markFailed(id, reason: Self.reason(error))
            throw error
        }
    }

    private func render(
        _ request: ExportRequest, owner: UserID, into chunker: ExportChunker, context: any TaskContext
    ) throws -> Int {
        let step: (TaskProgress) throws -> Void = { progress in
            try context.throwIfCancelled()
            try context.report(progress)
        }
        switch request {
        case .personas(let selection, let format):
            guard let writer = format.personaWriter(sink: chunker, json: Self.personaJSON) else {
                throw TaskFailure(Self.failed, "Personas cannot be exported as \(format.rawValue).")
            }
            return try renderer.personas(selection, of: owner, into: writer, step: step)
        case .session(let session, let format):
            let archive = format == .docx ? ZipArchiveSink(output: chunker, modified: clock.now) : nil
            guard let writer = format.sessionWriter(sink: chunker, archive: archive) else {
                throw TaskFailure(Self.failed, "Sessions cannot be exported as \(format.rawValue).")
            }
            let count = try renderer.session(session, of: owner, into: writer, step: step)
            try archive?.finish()
            return count
        }
    }

    /// A persona exactly as the API represents it.
    private static func personaJSON(_ persona: Persona) throws -> [UInt8] {
        Array(try JSONCoding.encoder().encode(PersonaRepresentation(persona)))
    }

    private static func reason(_ error: any Error) -> String {
        if let failure = error as? TaskFailure { return failure.message }
        if let domain = error as? DomainError { return domain.message }
        return "The export could not be written."
    }
}

extension ExportExecutor {
    init(services: RunnerServices, exports: any ExportStore) {
        let ports = services.ports
        self.init(
            exports: exports,
            renderer: ExportRenderer(
                personas: ports.personas, folders: ports.folders, sessions: ports.sessions, clock: ports.clock),
            clock: ports.clock)
    }
}
