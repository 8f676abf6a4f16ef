/// What one `persona_generation` task works from, fixed when the task is created and stored as its input:
/// the brief, how many personas, the sampling plan after the user's overrides, the folder, the seed, and
/// the price per persona the user was quoted (a later price change never alters a running panel), and the
/// customer dataset the personas are grounded in, if any.
public struct PanelGenerationInput: Sendable, Equatable {
    public static let briefLength = 10...4000
    public static let counts = 1...24
    public static let defaultCount = 12

    public let brief: String
    public let count: Int
    public let plan: SamplingPlan
    public let folderID: FolderID?
    public let seed: Int
    public let cost: Credits
    public let customerDataID: CustomerDatasetID?

    public init(
        brief: String, count: Int, plan: SamplingPlan, folderID: FolderID?, seed: Int, cost: Credits,
        customerDataID: CustomerDatasetID? = nil
    ) {
        self.brief = brief
        self.count = count
        self.plan = plan
        self.folderID = folderID
        self.seed = seed
        self.cost = cost
        self.customerDataID = customerDataID
    }

    /// `{brief, count, plan, folder_id, seed, cost, customer_data_id}`.
    public var json: JSONValue {
        .object([
            ("brief", .string(brief)),
            ("count", .number(Double(count))),
            ("plan", plan.json),
            ("folder_id", folderID.map { .string($0.rawValue) } ?? .null),
            ("seed", .number(Double(seed))),
            ("cost", .number(Double(cost.value))),
            ("customer_data_id", customerDataID.map { .string($0.rawValue) } ?? .null),
        ])
    }

    /// Reads a stored input back; a malformed one is a programming or storage fault (`internal`).
    public init(json: JSONValue) throws {
        guard let brief = json["brief"]?.stringValue, let count = json["count"]?.intValue,
            Self.counts.contains(count), let planJSON = json["plan"], let seed = json["seed"]?.intValue,
            let cost = json["cost"]?.intValue
        else { throw TaskFailure.internal }
        self.init(
            brief: brief, count: count, plan: try SamplingPlan(json: planJSON),
            folderID: json["folder_id"]?.stringValue.map(FolderID.init), seed: seed, cost: Credits(Int64(cost)),
            customerDataID: json["customer_data_id"]?.stringValue.map(CustomerDatasetID.init))
    }

    /// The plan's slots for this panel: the same input always gives the same slots (the seed may be negative).
    public var slots: [[String: String]] { plan.slots(count: count, seed: UInt64(bitPattern: Int64(seed))) }
}
