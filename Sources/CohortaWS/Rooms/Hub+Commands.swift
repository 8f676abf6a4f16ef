import Domain

/// Researcher commands over the socket: checked and stored by the same use cases as the REST API; the
/// runner acknowledges them through the change stream (`command.done`).
extension Hub {
    /// The command a frame asks for; nil when its type is not a command.
    static func command(_ frame: ClientFrame) throws(FrameError) -> ClientCommand? {
        if frame.type == "resume" { return .resume }
        guard let kind = SessionCommand.Kind(rawValue: frame.type) else { return nil }
        return .control(kind, text: frame.text, persona: frame.personaID.map(PersonaID.init))
    }

    func carryOut(_ command: ClientCommand, frame: ClientFrame, from client: Client, as viewer: Viewer) {
        let session: SessionID
        do { session = try frame.requiredSessionID() } catch {
            send(error, to: client)
            return
        }
        let requestID = frame.requestID
        access.perform(
            { try $0.carryOut(command, on: session, for: viewer) },
            then: { [weak self, weak client] result in
                guard let self, let client, self.clients[client.peer.id] === client else { return }
                switch result {
                case .success(let receipt):
                    client.peer.send(
                        Frame.text(
                            "command.accepted",
                            Accepted(
                                requestID: requestID, sessionID: session.rawValue, commandID: receipt.commandID,
                                taskID: receipt.taskID?.rawValue, kind: command.kind)))
                case .failure(let error):
                    self.send(FrameError(error, requestID: requestID, sessionID: session), to: client)
                }
            })
    }
}

private struct Accepted: Encodable {
    let requestID: String?
    let sessionID: String
    let commandID: String?
    let taskID: String?
    let kind: String

    enum CodingKeys: String, CodingKey {
        case kind
        case requestID = "request_id"
        case sessionID = "session_id"
        case commandID = "command_id"
        case taskID = "task_id"
    }

    /// Every key always present: an absent value is `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requestID, forKey: .requestID)
        try container.encode(sessionID, forKey: .sessionID)
        try container.encode(commandID, forKey: .commandID)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(kind, forKey: .kind)
    }
}
