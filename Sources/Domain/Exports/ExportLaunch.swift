public import Foundation

/// Starts an export (`POST /api/exports` → 202): checks that what is named is the caller's (404 otherwise),
/// stores the pending export, then starts its task within the active-task bound (429). Exports make no LLM
/// calls and cost no credits, so the spend limit is not checked. An export expires `lifetime` after creation.
public struct ExportLaunch: Sendable {
    public static let kind = TaskKind("export")

    private let exports: any ExportStore
    private let personas: any PersonaStore
    private let folders: any FolderStore
    private let sessions: any SessionStore
    private let launch: TaskLauncher
    private let clock: any Clock
    private let lifetime: TimeInterval

    public init(
        exports: any ExportStore, personas: any PersonaStore, folders: any FolderStore, sessions: any SessionStore,
        launch: TaskLauncher, clock: any Clock, lifetime: TimeInterval
    ) {
        self.exports = exports
        self.personas = personas
        self.folders = folders
        self.sessions = sessions
        self.launch = launch
        self.clock = clock
        self.lifetime = lifetime
    }

    public func callAsFunction(_ request: ExportRequest, by user: UserID) throws -> (
        export: ExportRecord, task: TaskRecord
    ) {
        let now = clock.now
        let filename = try filename(for: request, owner: user, at: now)
        var export = try exports.insert(
            NewExport(
                ownerID: user, kind: request.kind, format: request.format, filename: filename, createdAt: now,
                expiresAt: now.addingTimeInterval(lifetime)))
        let task: TaskRecord
        do {
            task = try launch(
                Self.kind, for: user, input: request.taskInput(export: export.id),
                progress: TaskProgress(message: "Waiting to export"), checkingQuota: false)
        } catch {
            try? exports.delete(export.id)
            throw error
        }
        try exports.attach(task.id, to: export.id)
        export.taskID = task.id
        return (export, task)
    }

    /// Also the ownership check: a session, folder or persona that is not the caller's is a 404.
    private func filename(for request: ExportRequest, owner: UserID, at now: Date) throws -> String {
        switch request {
        case .session(let id, let format):
            guard let session = try sessions.session(id: id, owner: owner) else {
                throw DomainError(.notFound, "No such session.", field: "session_id")
            }
            return ExportDates.sessionFilename(name: session.snapshot.name, at: now, format: format)
        case .personas(let selection, let format):
            switch selection {
            case .all: break
            case .folder(let id): _ = try folders.requireFolder(id, owner: owner)
            case .ids(let ids):
                for id in ids where try personas.persona(id: id, owner: owner) == nil {
                    throw DomainError(.notFound, "No such persona.", field: "persona_ids")
                }
            }
            return ExportDates.personasFilename(at: now, format: format)
        }
    }
}
