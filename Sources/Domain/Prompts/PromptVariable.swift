/// A named value a template needs. A `data` variable carries text from a user (a brief, customer rows, an
/// instruction): it is rendered inside `<data name="…">` tags, only in the user message, and the model is
/// told that such content is material to work with, never instructions to follow.
public struct PromptVariable: Sendable, Hashable {
    public let name: String
    public let isData: Bool

    public init(name: String, isData: Bool) {
        self.name = name
        self.isData = isData
    }
}
