import Foundation

/// A user asks for a generated panel (`POST /api/personas/generate`): the request is validated, the folder
/// checked, and the balance must cover `count × persona_creation_cost` before a task exists, so an empty
/// balance never reaches the LLM. Then a `persona_generation` task is queued with the quoted price.
public struct PanelGenerationLaunch: Sendable {
    /// What the client asked for, before validation.
    public struct Request: Sendable {
        public var brief: String
        public var count: Int
        public var sampling: JSONValue?
        public var folderID: FolderID?
        public var seed: Int?
        public var customerDataID: CustomerDatasetID?

        public init(
            brief: String, count: Int = PanelGenerationInput.defaultCount, sampling: JSONValue? = nil,
            folderID: FolderID? = nil, seed: Int? = nil, customerDataID: CustomerDatasetID? = nil
        ) {
            self.brief = brief
            self.count = count
            self.sampling = sampling
            self.folderID = folderID
            self.seed = seed
            self.customerDataID = customerDataID
        }
    }

    public static let kind = TaskKind("persona_generation")

    private let users: any UserStore
    private let folders: any FolderStore
    private let settings: any SettingsStore
    private let customerData: any CustomerDataStore
    private let launch: TaskLauncher
    private let randomSeed: @Sendable () -> Int

    public init(
        users: any UserStore, folders: any FolderStore, settings: any SettingsStore,
        customerData: any CustomerDataStore, launch: TaskLauncher,
        randomSeed: @escaping @Sendable () -> Int = { Int.random(in: 0...Int(Int32.max)) }
    ) {
        self.users = users
        self.folders = folders
        self.settings = settings
        self.customerData = customerData
        self.launch = launch
        self.randomSeed = randomSeed
    }

    /// The current prices (`GET /api/pricing`).
    public func prices() throws -> AppSettings { try settings.appSettings() }

    public func callAsFunction(_ request: Request, by user: UserID) throws -> TaskRecord {
        let brief = request.brief.trimmingCharacters(in: .whitespacesAndNewlines)
        let lengths = PanelGenerationInput.briefLength
        guard lengths.contains(brief.count) else {
            throw DomainError.invalid(
                "brief", "The brief must be \(lengths.lowerBound) to \(lengths.upperBound) characters.")
        }
        let counts = PanelGenerationInput.counts
        guard counts.contains(request.count) else {
            throw DomainError.invalid("count", "count must be between \(counts.lowerBound) and \(counts.upperBound).")
        }
        let plan: SamplingPlan
        do {
            plan = try request.sampling.map { try SamplingPlan.standard.applying(overrides: $0) } ?? .standard
        } catch let error as DomainError {
            throw DomainError.invalid("sampling", error.message)
        }
        if let folder = request.folderID { _ = try folders.requireFolder(folder, owner: user) }
        if let dataset = request.customerDataID { _ = try customerData.requireDataset(dataset, owner: user) }
        let cost = try settings.appSettings().personaCreationCost
        guard let balance = try users.user(id: user)?.creditsBalance else {
            throw DomainError.unauthenticated(detail: "user \(user) vanished")
        }
        let needed = Credits(Int64(request.count) * cost.value)
        guard balance >= needed else {
            throw DomainError(
                .insufficientCredits, "This panel needs \(needed) credits; your balance is \(balance).")
        }
        let input = PanelGenerationInput(
            brief: brief, count: request.count, plan: plan, folderID: request.folderID,
            seed: request.seed ?? randomSeed(), cost: cost, customerDataID: request.customerDataID)
        return try launch(
            Self.kind, for: user, input: input.json,
            progress: TaskProgress(done: 0, total: request.count + 1, message: "Waiting for a runner"))
    }
}
