public import Domain

/// A concept `{id, kind, title, text}` or an image `{id, kind, title, media_type, image_url, description,
/// description_status}`.
public struct StimulusRepresentation: Encodable, Sendable {
    let stimulus: Stimulus
    let group: FocusGroupID

    public init(_ stimulus: Stimulus, in group: FocusGroupID) {
        self.stimulus = stimulus
        self.group = group
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, text, description
        case mediaType = "media_type"
        case imageURL = "image_url"
        case descriptionStatus = "description_status"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stimulus.id.rawValue, forKey: .id)
        switch stimulus.content {
        case .concept(let text):
            try container.encode("concept", forKey: .kind)
            try container.encode(stimulus.title, forKey: .title)
            try container.encode(text, forKey: .text)
        case .image(let image):
            try container.encode("image", forKey: .kind)
            try container.encode(stimulus.title, forKey: .title)
            try container.encode(image.mediaType.rawValue, forKey: .mediaType)
            try container.encode(
                "/api/focus-groups/\(group.rawValue)/stimuli/\(stimulus.id.rawValue)/image", forKey: .imageURL)
            try container.encode(image.description, forKey: .description)
            try container.encode(image.descriptionStatus.rawValue, forKey: .descriptionStatus)
        }
    }
}
