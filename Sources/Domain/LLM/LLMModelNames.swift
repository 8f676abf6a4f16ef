/// The provider's model name for each tier (settings COHORTA_LLM_MODEL_MAIN / _MINI).
public struct LLMModelNames: Sendable, Hashable {
    public let main: String
    public let mini: String

    public init(main: String, mini: String) {
        self.main = main
        self.mini = mini
    }

    public func model(for tier: LLMTier) -> String {
        switch tier {
        case .main: main
        case .mini: mini
        }
    }
}
