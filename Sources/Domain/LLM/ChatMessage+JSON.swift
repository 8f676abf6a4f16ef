extension ChatMessage {
    /// `{"role": …, "content": …}`, as chat completion APIs spell a message. With an image, `content` is
    /// OpenAI's parts list: the text, then `{"type": "image_url", "image_url": {"url": "data:…;base64,…"}}`.
    public var jsonValue: JSONValue {
        json(
            imagePart: image.map {
                .object([("type", .string("image_url")), ("image_url", .object([("url", .string($0.dataURL))]))])
            })
    }

    /// The message as the request hash and `llm_calls` see it: an image is its digest
    /// (`{"type": "image", "media_type", "sha256"}`), never its bytes. Equal to `jsonValue` without an image.
    public var recordedJSON: JSONValue {
        json(
            imagePart: image.map {
                .object([
                    ("type", .string("image")), ("media_type", .string($0.mediaType)), ("sha256", .string($0.sha256)),
                ])
            })
    }

    private func json(imagePart: JSONValue?) -> JSONValue {
        guard let imagePart else { return .object([("role", .string(role.rawValue)), ("content", .string(content))]) }
        let text = JSONValue.object([("type", .string("text")), ("text", .string(content))])
        return .object([("role", .string(role.rawValue)), ("content", .array([text, imagePart]))])
    }
}

extension LLMRequest {
    /// The same request with `image` shown in its last user message (for a vision-capable model).
    public func showing(_ image: ChatImage) -> LLMRequest {
        var messages = self.messages
        if let last = messages.lastIndex(where: { $0.role == .user }) {
            messages[last] = ChatMessage(.user, messages[last].content, image: image)
        } else {
            messages.append(ChatMessage(.user, "", image: image))
        }
        return LLMRequest(
            feature: feature, template: template, messages: messages, responseSchema: responseSchema,
            temperature: temperature, seed: seed, maxTokens: maxTokens, attribution: attribution)
    }
}
