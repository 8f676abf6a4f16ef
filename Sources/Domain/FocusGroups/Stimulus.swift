/// What the group discusses besides the questions: a concept written out, or an image the moderator
/// shows (described in words by a vision-capable model, since personas read text).
public struct Stimulus: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case concept(text: String)
        case image(StimulusImage)
    }

    public let id: StimulusID
    public var title: String
    public var content: Content

    public init(id: StimulusID, title: String, content: Content) {
        self.id = id
        self.title = title
        self.content = content
    }

    /// What a prompt shows of it: the concept text, or the image's description (nil until described).
    public var promptText: String? {
        switch content {
        case .concept(let text): text
        case .image(let image): image.description
        }
    }
}

/// An uploaded image stimulus: the bytes live in the image store under `id`; `description` is filled in
/// by the `image_description` task.
public struct StimulusImage: Sendable, Hashable {
    public enum MediaType: String, Sendable, CaseIterable {
        case png = "image/png"
        case jpeg = "image/jpeg"
        case webp = "image/webp"
    }

    public enum DescriptionStatus: String, Sendable {
        case pending
        case ready
        case failed
    }

    public var mediaType: MediaType
    public var byteCount: Int
    public var description: String?
    public var descriptionStatus: DescriptionStatus

    public init(mediaType: MediaType, byteCount: Int, description: String?, descriptionStatus: DescriptionStatus) {
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.description = description
        self.descriptionStatus = descriptionStatus
    }
}
