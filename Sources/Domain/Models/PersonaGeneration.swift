/// How a persona came to be: the generation task and the audience brief, both absent for a hand-made persona.
/// Set by the generator only; clients never write it.
public struct PersonaGeneration: Sendable, Equatable {
    public let taskID: String?
    public let brief: String?

    public init(taskID: String? = nil, brief: String? = nil) {
        self.taskID = taskID
        self.brief = brief
    }

    public static let manual = PersonaGeneration()
}
