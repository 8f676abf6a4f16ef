/// A user asks for their focus group's discussion guide to be written (`discussion_guide`) or for one of
/// its sections to be written again (`discussion_guide_section`). This only queues the task; its executor
/// asks the model and saves the guide with `FocusGroupStore.setGuide`, bumping its version.
public struct DiscussionGuideLaunch: Sendable {
    static let groupNotFound = DomainError(.notFound, "No such focus group.")
    static let sectionNotFound = DomainError(.notFound, "The guide has no such section.")
    static let noGuide = DomainError(
        .conflict, "The focus group has no discussion guide yet. Generate one before rewriting a section.")

    private let focusGroups: any FocusGroupStore
    private let launch: TaskLauncher

    public init(focusGroups: any FocusGroupStore, launch: TaskLauncher) {
        self.focusGroups = focusGroups
        self.launch = launch
    }

    /// Queues a whole new guide. Throws `not_found` for a group that is not the user's, or `too_many_tasks`.
    public func guide(of id: FocusGroupID, by owner: UserID) throws -> TaskRecord {
        let group = try focusGroup(id, owner: owner)
        return try start(DiscussionGuideRequest(focusGroupID: group.id, sectionID: nil), for: owner)
    }

    /// Queues section `sectionID` ("s2") written again. Throws `not_found` for a group that is not the user's
    /// or a section its guide does not have, `conflict` when the group has no guide, or `too_many_tasks`.
    public func section(_ sectionID: String, of id: FocusGroupID, by owner: UserID) throws -> TaskRecord {
        let group = try focusGroup(id, owner: owner)
        guard let guide = group.guide else { throw Self.noGuide }
        guard guide.sections.contains(where: { $0.id == sectionID }) else { throw Self.sectionNotFound }
        return try start(DiscussionGuideRequest(focusGroupID: group.id, sectionID: sectionID), for: owner)
    }

    private func focusGroup(_ id: FocusGroupID, owner: UserID) throws -> FocusGroup {
        guard let group = try focusGroups.focusGroup(id: id, owner: owner) else { throw Self.groupNotFound }
        return group
    }

    private func start(_ request: DiscussionGuideRequest, for owner: UserID) throws -> TaskRecord {
        try launch(
            request.kind, for: owner, input: request.json,
            progress: TaskProgress(done: 0, total: 1, message: "Waiting for a runner"))
    }
}

/// What a guide task works on, stored as its input: `{focus_group_id}` for a whole guide, plus
/// `section_id` for one section written again.
public struct DiscussionGuideRequest: Sendable, Equatable {
    public static let guideKind = TaskKind("discussion_guide")
    public static let sectionKind = TaskKind("discussion_guide_section")

    public let focusGroupID: FocusGroupID
    /// nil: the whole guide.
    public let sectionID: String?

    public init(focusGroupID: FocusGroupID, sectionID: String?) {
        self.focusGroupID = focusGroupID
        self.sectionID = sectionID
    }

    public var kind: TaskKind { sectionID == nil ? Self.guideKind : Self.sectionKind }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("focus_group_id", .string(focusGroupID.rawValue))]
        if let sectionID { members.append(("section_id", .string(sectionID))) }
        return .object(members)
    }

    /// Reads a stored input back for a task of `kind`; a malformed one is a storage fault (`internal`).
    public init(json: JSONValue, kind: TaskKind) throws {
        guard let id = json["focus_group_id"]?.stringValue else { throw TaskFailure.internal }
        let sectionID = json["section_id"]?.stringValue
        guard (kind == Self.sectionKind) == (sectionID != nil), kind == Self.guideKind || kind == Self.sectionKind
        else { throw TaskFailure.internal }
        self.init(focusGroupID: FocusGroupID(id), sectionID: sectionID)
    }
}
