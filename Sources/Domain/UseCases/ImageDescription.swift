/// The `image_description` task's rules: what it is asked (prompts/focus-group/image-description.md with
/// the image attached), and how the answer becomes the stimulus's description. The runner's executor does
/// the I/O; `StimulusImageUpload` queues it.
public enum ImageDescription {
    public static let kind = TaskKind("image_description")
    public static let templateName = "focus-group/image-description"
    /// A longer answer is cut at the last sentence or word that fits.
    public static let maximumLength = 2_000

    /// The task's input: `{focus_group_id, stimulus_id}`.
    public static func input(group: FocusGroupID, stimulus: StimulusID) -> JSONValue {
        .object([("focus_group_id", .string(group.rawValue)), ("stimulus_id", .string(stimulus.rawValue))])
    }

    /// The group and stimulus a task's input names; nil when it names none.
    public static func target(of input: JSONValue) -> (group: FocusGroupID, stimulus: StimulusID)? {
        guard let group = input["focus_group_id"]?.stringValue, let stimulus = input["stimulus_id"]?.stringValue
        else { return nil }
        return (FocusGroupID(group), StimulusID(stimulus))
    }

    /// The template's variables: the stimulus title, the group's objective and its language.
    public static func variables(for stimulus: Stimulus, in group: FocusGroup) -> [String: String] {
        ["title": stimulus.title, "objective": group.objective, "language": group.language]
    }

    /// The description in the model's answer (`{"description": "…"}`), trimmed and at most
    /// `maximumLength` characters; nil when there is none.
    public static func description(from answer: JSONValue) -> String? {
        guard let text = answer["description"]?.stringValue?.trimmingWhitespace(), !text.isEmpty else { return nil }
        guard text.count > maximumLength else { return text }
        let cut = String(text.prefix(maximumLength))
        if let end = cut.lastIndex(where: { ".!?".contains($0) }), cut.distance(from: cut.startIndex, to: end) > 200 {
            return String(cut[...end])
        }
        return cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? cut
    }

    /// `stimulus` with its description settled: ready with `text`, or failed when there is none.
    public static func settled(_ stimulus: Stimulus, description text: String?) -> Stimulus {
        guard case .image(var image) = stimulus.content else { return stimulus }
        image.description = text
        image.descriptionStatus = text == nil ? .failed : .ready
        var result = stimulus
        result.content = .image(image)
        return result
    }
}
