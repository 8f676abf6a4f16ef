import Domain
import Foundation
import HTTPClient

/// Assembles one streamed chat completion from its SSE events: the text (handed on as deltas), the
/// usage from the last chunk, and whether the stream ended properly (`[DONE]` or a finish reason).
///
/// Thread: lives on the thread running the transfer; curl delivers the events there.
struct CompletionStream {
    private let onDelta: ((String) -> Void)?
    private var content = ""
    private var usage: TokenUsage?
    private var finished = false
    private var events = 0
    private let decoder = JSONDecoder()

    init(onDelta: ((String) -> Void)?) {
        self.onDelta = onDelta
    }

    mutating func receive(_ event: SSEEvent) throws {
        events += 1
        if event.isDone {
            finished = true
            return
        }
        let chunk: ChatCompletionChunk
        do {
            chunk = try decoder.decode(ChatCompletionChunk.self, from: Data(event.data.utf8))
        } catch {
            throw LLMTransportError(.invalidResponse, detail: "stream event \(events) is not a completion chunk")
        }
        for choice in chunk.choices {
            if let text = choice.delta?.content, !text.isEmpty {
                content += text
                onDelta?(text)
            }
            if choice.finishReason != nil { finished = true }
        }
        if let reported = chunk.usage {
            usage = TokenUsage(promptTokens: reported.promptTokens, completionTokens: reported.completionTokens)
        }
    }

    /// The completion, once the 2xx transfer has returned.
    func completion() -> Result<LLMCompletion, LLMTransportError> {
        guard events > 0 else {
            return .failure(LLMTransportError(.invalidResponse, detail: "no events: not an event stream"))
        }
        guard finished else {
            return .failure(LLMTransportError(.network, detail: "stream ended after \(events) events without [DONE]"))
        }
        return .success(LLMCompletion(content: content, usage: usage))
    }
}
