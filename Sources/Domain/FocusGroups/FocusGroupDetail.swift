/// A focus group as its owner reads it: the group and, in participant order, the personas taking part
/// (a persona deleted since is left out).
public struct FocusGroupDetail: Sendable, Equatable {
    public let group: FocusGroup
    public let participants: [Persona]

    public init(group: FocusGroup, participants: [Persona]) {
        self.group = group
        self.participants = participants
    }
}
