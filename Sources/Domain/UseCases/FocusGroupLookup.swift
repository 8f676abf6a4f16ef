/// One of the user's own focus groups with its participants. Anyone else's, administrators included, is
/// not found.
public struct FocusGroupLookup: Sendable {
    static let notFound = DomainError(.notFound, "No such focus group.")

    private let groups: any FocusGroupStore
    private let personas: any PersonaStore

    public init(groups: any FocusGroupStore, personas: any PersonaStore) {
        self.groups = groups
        self.personas = personas
    }

    public func callAsFunction(_ id: FocusGroupID, by owner: UserID) throws -> FocusGroupDetail {
        try details(of: [try group(id, by: owner)])[0]
    }

    /// The group alone (for use cases that change it).
    func group(_ id: FocusGroupID, by owner: UserID) throws -> FocusGroup {
        guard let group = try groups.focusGroup(id: id, owner: owner) else { throw Self.notFound }
        return group
    }

    /// Each group with its participants, reading every persona once however many groups share it.
    func details(of list: [FocusGroup]) throws -> [FocusGroupDetail] {
        var found: [PersonaID: Persona?] = [:]
        return try list.map { group in
            let participants = try group.participantIDs.compactMap { id -> Persona? in
                if let known = found[id] { return known }
                let persona = try personas.persona(id: id, owner: group.ownerID)
                found[id] = persona
                return persona
            }
            return FocusGroupDetail(group: group, participants: participants)
        }
    }
}
