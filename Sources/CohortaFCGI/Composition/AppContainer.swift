import Domain
import Foundation
import HTTPCore

/// The use cases of one worker process, built once from its ports. Immutable, shared by all accept threads.
final class AppContainer: Sendable {
    let users: any UserStore
    let health: any HealthProbe
    let mode: RuntimeMode
    let registerUser: RegisterUser
    let logIn: LogIn
    let authenticate: Authenticate
    let changePassword: ChangePassword
    let adjustCredits: AdjustCredits
    let creditHistory: CreditHistory
    let createAdmin: CreateAdmin
    let launchTask: TaskLauncher
    let userTasks: UserTasks
    let personaCreation: PersonaCreation
    let personaEditing: PersonaEditing
    let personaLookup: PersonaLookup
    let personaSearch: PersonaSearch
    let personaDeletion: PersonaDeletion
    let personaMove: PersonaMove
    let folderCreation: FolderCreation
    let folderEditing: FolderEditing
    let folderDeletion: FolderDeletion
    let folderListing: FolderListing
    let panelGeneration: PanelGenerationLaunch
    let customerData: CustomerDataLibrary
    let usageOverview: UsageOverview
    let sessionLaunch: SessionLaunch
    let sessionControl: SessionControl
    let focusGroupCreation: FocusGroupCreation
    let focusGroupLookup: FocusGroupLookup
    let focusGroupSearch: FocusGroupSearch
    let focusGroupEditing: FocusGroupEditing
    let focusGroupDeletion: FocusGroupDeletion
    let stimulusImageUpload: StimulusImageUpload
    let stimulusImageLookup: StimulusImageLookup
    let stimulusDeletion: StimulusDeletion
    let discussionGuides: DiscussionGuideLaunch
    let spendingQuota: SpendingQuota
    let quotaOverride: QuotaOverride
    let userAdministration: UserAdministration
    let priceAdministration: PriceAdministration
    let settingsAdministration: SettingsAdministration
    let billing: BillingUseCases?
    /// Nil without `AppPorts.activityHistory`; read through `usageReports()` and `businessAnalytics()`.
    let usageReportAdministration: UsageReportAdministration?
    let analytics: BusinessAnalytics?
    let exports: ExportUseCases?

    init(ports: AppPorts, tokenLifetime: TimeInterval, mode: RuntimeMode) throws {
        let settings = CachedSettings(store: ports.settings, clock: ports.clock, lifetime: ports.settingsCacheLifetime)
        let tokens = TokenIssuer(signer: ports.signer, clock: ports.clock, lifetime: tokenLifetime)
        users = ports.users
        health = ports.health
        self.mode = mode
        registerUser = RegisterUser(users: ports.users, hasher: ports.hasher, settings: settings, clock: ports.clock)
        logIn = LogIn(
            users: ports.users, hasher: ports.hasher, attempts: ports.loginAttempts, tokens: tokens,
            clock: ports.clock, policy: .standard,
            decoyHash: try ports.hasher.hash(Password(UUID().uuidString)))
        authenticate = Authenticate(signer: ports.signer, users: ports.users, clock: ports.clock)
        changePassword = ChangePassword(users: ports.users, hasher: ports.hasher, tokens: tokens)
        adjustCredits = AdjustCredits(
            users: ports.users, ledger: ports.ledger, audit: ports.adminAudit, clock: ports.clock)
        creditHistory = CreditHistory(users: ports.users, ledger: ports.ledger)
        createAdmin = CreateAdmin(users: ports.users, register: registerUser)
        spendingQuota = SpendingQuota(quotas: ports.quotas, settings: settings, clock: ports.clock)
        quotaOverride = QuotaOverride(
            users: ports.users, quotas: ports.quotas, spending: spendingQuota, audit: ports.adminAudit,
            clock: ports.clock)
        userAdministration = UserAdministration(
            users: ports.users, audit: ports.adminAudit, spending: spendingQuota, personas: ports.personas,
            flags: ports.billing?.flags, sessions: ports.sessionCounter, usageEvents: ports.usageEvents,
            clock: ports.clock)
        priceAdministration = PriceAdministration(
            prices: ports.modelPricing, audit: ports.adminAudit, clock: ports.clock)
        settingsAdministration = SettingsAdministration(
            store: ports.settings, audit: ports.adminAudit, clock: ports.clock,
            cacheLifetime: ports.settingsCacheLifetime)
        launchTask = TaskLauncher(
            store: ports.tasks, clock: ports.clock, policy: ports.taskPolicy, quota: spendingQuota)
        userTasks = UserTasks(store: ports.tasks, clock: ports.clock, policy: ports.taskPolicy)
        personaCreation = PersonaCreation(personas: ports.personas, folders: ports.folders, clock: ports.clock)
        personaEditing = PersonaEditing(personas: ports.personas, clock: ports.clock)
        personaLookup = PersonaLookup(personas: ports.personas)
        personaSearch = PersonaSearch(personas: ports.personas, folders: ports.folders)
        personaDeletion = PersonaDeletion(personas: ports.personas)
        personaMove = PersonaMove(personas: ports.personas, folders: ports.folders)
        folderCreation = FolderCreation(folders: ports.folders, clock: ports.clock)
        folderEditing = FolderEditing(folders: ports.folders, personas: ports.personas)
        folderDeletion = FolderDeletion(folders: ports.folders, personas: ports.personas)
        folderListing = FolderListing(folders: ports.folders, personas: ports.personas)
        panelGeneration = PanelGenerationLaunch(
            users: ports.users, folders: ports.folders, settings: settings, customerData: ports.customerData,
            launch: launchTask)
        customerData = CustomerDataLibrary(store: ports.customerData, clock: ports.clock)
        sessionLaunch = SessionLaunch(
            focusGroups: ports.focusGroups, personas: ports.personas, sessions: ports.sessions, users: ports.users,
            ledger: ports.ledger, settings: settings, pricing: ports.modelPricing, models: ports.models,
            launch: launchTask, clock: ports.clock)
        sessionControl = SessionControl(sessions: ports.sessions, tasks: ports.tasks, clock: ports.clock)
        usageOverview = UsageOverview(
            users: ports.users, ledger: ports.ledger, usageEvents: ports.usageEvents, clock: ports.clock)
        focusGroupCreation = FocusGroupCreation(groups: ports.focusGroups, personas: ports.personas, clock: ports.clock)
        focusGroupLookup = FocusGroupLookup(groups: ports.focusGroups, personas: ports.personas)
        focusGroupSearch = FocusGroupSearch(groups: ports.focusGroups, personas: ports.personas)
        focusGroupEditing = FocusGroupEditing(
            groups: ports.focusGroups, personas: ports.personas, images: ports.stimulusImages, clock: ports.clock)
        focusGroupDeletion = FocusGroupDeletion(groups: ports.focusGroups, images: ports.stimulusImages)
        stimulusImageUpload = StimulusImageUpload(
            groups: ports.focusGroups, personas: ports.personas, images: ports.stimulusImages, launch: launchTask,
            clock: ports.clock)
        stimulusImageLookup = StimulusImageLookup(groups: ports.focusGroups, images: ports.stimulusImages)
        stimulusDeletion = StimulusDeletion(groups: ports.focusGroups, images: ports.stimulusImages, clock: ports.clock)
        discussionGuides = DiscussionGuideLaunch(lookup: focusGroupLookup, launch: launchTask)
        billing = ports.billing.map { BillingUseCases($0, ports: ports, settings: settings) }
        usageReportAdministration = ports.activityHistory.map {
            UsageReportAdministration(history: $0, audit: ports.adminAudit, clock: ports.clock)
        }
        analytics = ports.activityHistory.map {
            BusinessAnalytics(history: $0, audit: ports.adminAudit, clock: ports.clock)
        }
        if let store = ports.exports {
            exports = ExportUseCases(store, ports: ports, launch: launchTask)
        } else {
            exports = nil
        }
    }

    /// The user behind the request's `Authorization: Bearer …` header.
    func authenticatedUser(_ request: HTTPRequest) throws -> User {
        try authenticate(bearerToken: Self.bearerToken(request.headers["Authorization"]))
    }

    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let scalars = parts[1].unicodeScalars
        guard let first = scalars.firstIndex(where: { !isHorizontalSpace($0) }),
            let last = scalars.lastIndex(where: { !isHorizontalSpace($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }

    /// `CharacterSet.whitespaces` (Unicode Zs and tab) without Foundation's NSString bridge, which cost about
    /// 5 % of a worker's CPU on every authenticated request (docs/performance.md, hotspots).
    private static func isHorizontalSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
}
