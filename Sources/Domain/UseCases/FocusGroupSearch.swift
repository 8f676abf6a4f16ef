/// A page of the user's focus groups, newest first, optionally only those whose name contains `text`.
public struct FocusGroupSearch: Sendable {
    private let groups: any FocusGroupStore
    private let lookup: FocusGroupLookup

    public init(groups: any FocusGroupStore, personas: any PersonaStore) {
        self.groups = groups
        lookup = FocusGroupLookup(groups: groups, personas: personas)
    }

    public func callAsFunction(by owner: UserID, text: String?, page: PageRequest) throws -> Page<FocusGroupDetail> {
        let found = try groups.focusGroups(of: owner, search: try PersonaValidation.searchText(text), page: page)
        return Page(items: try lookup.details(of: found.items), request: page, total: found.total)
    }
}
