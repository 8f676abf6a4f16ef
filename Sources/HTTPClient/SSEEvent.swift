/// One Server-Sent Event, as dispatched by `SSELineReader`.
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field, or "message" when the event had none.
    public let type: String
    /// The `data:` lines joined with "\n".
    public let data: String
    /// The last `id:` seen on the stream so far, as the SSE spec defines it.
    public let id: String?

    public init(type: String = "message", data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }

    /// OpenAI-compatible streams end with `data: [DONE]`.
    public var isDone: Bool { data == "[DONE]" }
}
