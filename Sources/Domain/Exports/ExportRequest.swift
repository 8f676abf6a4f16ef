/// What the owner asked to export, checked: personas (a selection, a folder, or all) or one session, in a
/// format that kind supports. It travels to the runner as the task's input, with the export's id.
public enum ExportRequest: Sendable, Equatable {
    public enum PersonaSelection: Sendable, Equatable {
        case all
        case folder(FolderID)
        case ids([PersonaID])
    }

    case personas(PersonaSelection, ExportFormat)
    case session(SessionID, ExportFormat)

    public static let maximumPersonaIDs = 1_000

    public var kind: ExportKind {
        switch self {
        case .personas: .personas
        case .session: .session
        }
    }

    public var format: ExportFormat {
        switch self {
        case .personas(_, let format), .session(_, let format): format
        }
    }

    /// Reads the request body's fields; 400 on an unknown kind or format, a format the kind does not
    /// have, a missing session id, both a selection and a folder, or more than 1,000 ids.
    public init(
        kind: String?, format: String?, personaIDs: [String]?, folderID: String?, sessionID: String?
    ) throws(DomainError) {
        guard let kind = kind.flatMap(ExportKind.init(rawValue:)) else {
            throw DomainError.invalid("kind", "kind must be \"personas\" or \"session\".")
        }
        guard let format = format.flatMap(ExportFormat.init(rawValue:)), kind.formats.contains(format) else {
            let names = kind.formats.map(\.rawValue).joined(separator: ", ")
            throw DomainError.invalid("format", "A \(kind.rawValue) export is written as one of: \(names).")
        }
        switch kind {
        case .session:
            guard let sessionID, !sessionID.isEmpty else {
                throw DomainError.invalid("session_id", "Name the session to export.")
            }
            self = .session(SessionID(sessionID), format)
        case .personas:
            self = .personas(try Self.selection(personaIDs: personaIDs, folderID: folderID), format)
        }
    }

    private static func selection(personaIDs: [String]?, folderID: String?) throws(DomainError) -> PersonaSelection {
        switch (personaIDs, folderID) {
        case (.some, .some):
            throw DomainError.invalid("persona_ids", "Export either a selection or a folder, not both.")
        case (.some(let ids), nil):
            guard !ids.isEmpty, ids.count <= maximumPersonaIDs else {
                throw DomainError.invalid("persona_ids", "Select between 1 and \(maximumPersonaIDs) personas.")
            }
            var seen = Set<String>()
            return .ids(ids.filter { seen.insert($0).inserted }.map(PersonaID.init))
        case (nil, .some(let folder)):
            return .folder(FolderID(folder))
        case (nil, nil):
            return .all
        }
    }

    /// The task's input: `{export_id, kind, format, persona_ids? | folder_id? | session_id?}`.
    public func taskInput(export: ExportID) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("export_id", .string(export.rawValue)), ("kind", .string(kind.rawValue)),
            ("format", .string(format.rawValue)),
        ]
        switch self {
        case .personas(.all, _): break
        case .personas(.folder(let id), _): members.append(("folder_id", .string(id.rawValue)))
        case .personas(.ids(let ids), _): members.append(("persona_ids", .array(ids.map { .string($0.rawValue) })))
        case .session(let id, _): members.append(("session_id", .string(id.rawValue)))
        }
        return .object(members)
    }

    /// The export and request a task's input names; nil when it is not one `taskInput` wrote.
    public static func fromTask(_ input: JSONValue) -> (export: ExportID, request: ExportRequest)? {
        guard let id = input["export_id"]?.stringValue,
            let request = try? ExportRequest(
                kind: input["kind"]?.stringValue, format: input["format"]?.stringValue,
                personaIDs: input["persona_ids"]?.arrayValue?.compactMap(\.stringValue),
                folderID: input["folder_id"]?.stringValue, sessionID: input["session_id"]?.stringValue)
        else { return nil }
        return (ExportID(id), request)
    }
}
