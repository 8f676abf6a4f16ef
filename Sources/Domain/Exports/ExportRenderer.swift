import Foundation

/// Feeds a writer from the stores a page at a time (100 personas, 100 messages), reporting progress
/// after each page through `step`, which may throw to stop (a cancel, a lost lease). Never more than a
/// page is held.
public struct ExportRenderer: Sendable {
    public static let pageSize = 100

    private let personas: any PersonaStore
    private let folders: any FolderStore
    private let sessions: any SessionStore
    private let clock: any Clock

    public init(personas: any PersonaStore, folders: any FolderStore, sessions: any SessionStore, clock: any Clock) {
        self.personas = personas
        self.folders = folders
        self.sessions = sessions
        self.clock = clock
    }

    /// Writes the selected personas (newest first; a selection in the order given, skipping any deleted
    /// since) and returns how many were written.
    @discardableResult
    public func personas(
        _ selection: ExportRequest.PersonaSelection, of owner: UserID, into writer: any PersonaExportWriter,
        step: (TaskProgress) throws -> Void
    ) throws -> Int {
        let folderNames = Dictionary(
            try folders.folders(of: owner).map { ($0.id, $0.name.value) }, uniquingKeysWith: { first, _ in first })
        try writer.begin(exportedAt: clock.now)
        var written = 0
        func emit(_ page: [Persona], total: Int) throws {
            for persona in page { try writer.write(persona, folder: persona.folderID.flatMap { folderNames[$0] }) }
            written += page.count
            try step(TaskProgress(done: written, total: max(total, written), message: "Personas written"))
        }
        switch selection {
        case .ids(let ids):
            for start in stride(from: 0, to: ids.count, by: Self.pageSize) {
                let page = try ids[start..<min(ids.count, start + Self.pageSize)].compactMap {
                    try personas.persona(id: $0, owner: owner)
                }
                try emit(page, total: ids.count)
            }
        case .all, .folder:
            let filter = PersonaFilter(folder: selection.folderScope)
            var number = 1
            while let request = PageRequest(page: number, perPage: Self.pageSize) {
                let page = try personas.personas(of: owner, matching: filter, page: request)
                try emit(page.items, total: page.total)
                if page.items.count < Self.pageSize || request.offset + page.items.count >= page.total { break }
                number += 1
            }
        }
        try writer.finish()
        return written
    }

    /// Writes the session and its messages as stored now (a running session: what is stored so far) and
    /// returns how many messages were written. 404 when the session is gone.
    @discardableResult
    public func session(
        _ id: SessionID, of owner: UserID, into writer: any SessionExportWriter, step: (TaskProgress) throws -> Void
    ) throws -> Int {
        guard let session = try sessions.session(id: id, owner: owner) else {
            throw DomainError(.notFound, "No such session.")
        }
        let document = SessionExportDocument(session: session, exportedAt: clock.now)
        try writer.begin(document)
        var written = 0
        var lastSeq = 0
        while true {
            let page = try sessions.messages(of: id, afterSeq: lastSeq, limit: Self.pageSize)
            for message in page { try writer.write(message) }
            written += page.count
            lastSeq = page.last?.seq ?? lastSeq
            try step(
                TaskProgress(
                    done: written, total: max(document.expectedMessages, written), message: "Messages written"))
            if page.count < Self.pageSize { break }
        }
        try writer.finish()
        return written
    }
}

extension ExportRequest.PersonaSelection {
    fileprivate var folderScope: PersonaFilter.FolderScope {
        if case .folder(let id) = self { return .folder(id) }
        return .any
    }
}
