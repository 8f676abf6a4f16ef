/// Turns the model's answer into the guide to save. Every guide written replaces the current one with the
/// next version (1 for a group's first guide), so a client can tell a stale copy. Pure.
public enum DiscussionGuideRevision {
    public static func nextVersion(after current: DiscussionGuide?) -> Int { (current?.version ?? 0) + 1 }

    /// A whole guide from the answer to prompts/focus-group/guide.md, versioned after `current`. Throws the
    /// `invalid_input` error of `DiscussionGuide(json:)` (its field under "guide") when a bound is broken.
    public static func guide(from answer: JSONValue, replacing current: DiscussionGuide?) throws -> DiscussionGuide {
        try DiscussionGuide(json: answer, version: nextVersion(after: current))
    }

    /// `current` with section `sectionID` replaced by the answer to prompts/focus-group/guide-section.md,
    /// which takes that section's id; every other section stays as it is, and the version goes up by one.
    /// Nil when `current` has no such section (the guide was edited meanwhile). Throws the `invalid_input`
    /// error of `GuideSection(json:)` (its field under "section") when a bound is broken.
    public static func guide(
        _ current: DiscussionGuide, replacingSection sectionID: String, with answer: JSONValue
    ) throws -> DiscussionGuide? {
        guard let index = current.sections.firstIndex(where: { $0.id == sectionID }) else { return nil }
        var revised = current
        revised.sections[index] = try GuideSection(json: answer, index: index, field: "section")
        revised.version = nextVersion(after: current)
        return revised
    }
}
