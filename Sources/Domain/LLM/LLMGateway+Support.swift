/// The gateway's pure helpers: the request hash, names, estimates and error mapping.
extension LLMGateway {
    /// SHA-256 hex over a canonical JSON rendering of everything that shapes the answer. Object keys keep
    /// their order, so equal requests render to equal bytes.
    func requestHash(of call: LLMCall, template: String) throws -> String {
        let canonical = JSONValue.object([
            ("model", .string(call.model)),
            ("template", .string(template)),
            ("messages", .array(call.messages.map(\.recordedJSON))),
            ("schema", call.responseSchema ?? .null),
            ("temperature", .number(call.temperature)),
            ("seed", call.seed.map { .number(Double($0)) } ?? .null),
            ("max_tokens", call.maxTokens.map { .number(Double($0)) } ?? .null),
        ])
        return try digest.sha256Hex(Array(canonical.serialized.utf8))
    }

    /// `persona/detail@3` → `persona_detail`: the provider's schema name allows letters, digits, `_`, `-`.
    static func schemaName(of template: String) -> String {
        let name = template.split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
        let cleaned = String(
            name.unicodeScalars.prefix(64).map { scalar in
                ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || scalar == "_" || scalar == "-" ? Character(scalar) : "_"
            })
        return cleaned.isEmpty ? "response" : cleaned
    }

    /// For a provider that reports no usage: about four characters per token, rounded up.
    static func estimatedUsage(of call: LLMCall, answer: String) -> TokenUsage {
        let promptCharacters = call.messages.reduce(0) { $0 + $1.content.count }
        return TokenUsage(promptTokens: (promptCharacters + 3) / 4, completionTokens: (answer.count + 3) / 4)
    }

    /// What a feature sees when the provider kept failing; the transport's detail goes to logs only.
    static func unavailable(_ error: LLMTransportError, attempts: Int) -> DomainError {
        var retryAfterSeconds: Int?
        if case .rateLimited(let retryAfter?) = error.kind {
            retryAfterSeconds = Int(retryAfter.components.seconds) + 1
        }
        return DomainError(
            .unavailable, "The AI service is not answering right now. Please try again in a moment.",
            retryAfterSeconds: retryAfterSeconds, detail: "gave up after \(attempts) attempt(s): \(error)")
    }
}

extension TokenUsage {
    func adding(_ other: TokenUsage) -> TokenUsage {
        TokenUsage(
            promptTokens: promptTokens + other.promptTokens, completionTokens: completionTokens + other.completionTokens
        )
    }
}
