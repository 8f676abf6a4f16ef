/// The two model tiers (PRODUCT.md): `main` for persona voices, the moderator and detailed generation,
/// `mini` for summaries, decisions, themes and lightweight generation.
public enum LLMTier: String, Sendable, Codable, CaseIterable {
    case main
    case mini
}

/// What an LLM call is for. Every call names one; usage is attributed by it and it picks the tier.
public enum LLMFeature: String, Sendable, Codable, CaseIterable {
    case personaBasicProfiles = "persona_basic_profiles"
    case personaDetail = "persona_detail"
    case personaModification = "persona_modification"
    case discussionGuide = "discussion_guide"
    case moderator
    case personaResponse = "persona_response"
    case conversationDecision = "conversation_decision"
    case summary
    case keyThemes = "key_themes"
    case imageDescription = "image_description"

    public var tier: LLMTier {
        switch self {
        case .personaDetail, .personaModification, .discussionGuide, .moderator, .personaResponse,
            .imageDescription:
            .main
        case .personaBasicProfiles, .conversationDecision, .summary, .keyThemes:
            .mini
        }
    }
}
