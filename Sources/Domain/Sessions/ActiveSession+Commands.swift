/// The researcher's commands, carried out between steps in the order given. A command's effect is saved
/// with its id (`ConversationState.lastCommand`) before it is marked done, so none is carried out twice.
extension ActiveSession {
    /// Carries out the pending commands; returns the task result when one ends the run (pause, cancel).
    /// A replay gets the original's researcher messages at the same places instead.
    mutating func applyCommands() throws -> JSONValue? {
        if let original = session.replayOf {
            try replayResearcher(of: original)
        }
        for command in try run.sessions.pendingCommands(of: session.id) {
            if command.id == state.lastCommand {
                try run.sessions.markDone(command)
                continue
            }
            lastHumanActivity = run.clock.now
            let ending = try apply(command)
            try run.sessions.markDone(command)
            if let ending { return ending }
            // The group answers each message of the researcher before the next one is said.
            if command.kind == .interject || command.kind == .say { return nil }
        }
        return nil
    }

    private mutating func apply(_ command: SessionCommand) throws -> JSONValue? {
        switch command.kind {
        case .pause:
            state.lastCommand = command.id
            return try stop(.paused, reason: "paused by the researcher")
        case .cancel:
            state.lastCommand = command.id
            return try stop(.cancelled, reason: "cancelled by the researcher")
        case .interject, .say:
            guard let text = command.text, !text.isEmpty, state.phase == .discussing || state.phase == .opening else {
                state.lastCommand = command.id
                try save()
                return nil
            }
            let (mention, engine) = (command.personaID, self.engine)
            try append(.human, name: SessionPrompts.researcherName, text: text) { next in
                engine.recordHuman(mention: mention, in: &next)
                next.lastCommand = command.id
            }
        case .mention:
            if let persona = command.personaID, engine.participants.contains(persona) {
                state.pendingMention = persona
            }
            state.lastCommand = command.id
            try save()
        case .takeOver:
            engine.takeOver(&state)
            state.lastCommand = command.id
            try save()
        case .handBack:
            engine.handBack(&state)
            state.lastCommand = command.id
            try save()
        }
        return nil
    }

    /// The original's researcher message at the next seq, if there is one, said again.
    private mutating func replayResearcher(of original: SessionID) throws {
        guard let message = try run.sessions.message(of: original, seq: state.nextSeq), message.speaker == .human
        else { return }
        let (mention, engine) = (message.stateAfter.pendingMention, self.engine)
        if message.stateAfter.control == .human, state.control == .ai { engine.takeOver(&state) }
        try append(.human, name: message.speakerName, text: message.text) {
            engine.recordHuman(mention: mention, in: &$0)
        }
    }
}
