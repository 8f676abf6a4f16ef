/// Which slice of a list the caller wants: 1-based page number and a bounded page size.
public struct PageRequest: Sendable, Equatable {
    public let page: Int
    public let perPage: Int

    public static let maximumPerPage = 100

    /// Clamps nothing silently: out-of-range values are a field error for the caller to report.
    public init?(page: Int = 1, perPage: Int = 20) {
        guard page >= 1, page <= 1_000_000, perPage >= 1, perPage <= Self.maximumPerPage else { return nil }
        self.page = page
        self.perPage = perPage
    }

    public var offset: Int { (page - 1) * perPage }
}

/// One page of results with the total count, so a client can render pagination.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let page: Int
    public let perPage: Int
    public let total: Int

    public init(items: [Item], request: PageRequest, total: Int) {
        self.items = items
        self.page = request.page
        self.perPage = request.perPage
        self.total = total
    }
}

extension Page: Equatable where Item: Equatable {}
