import Domain
import Foundation

/// Every port the API needs. Production fills it with Mongo and crypto adapters; tests with in-memory fakes.
struct AppPorts: Sendable {
    let users: any UserStore
    let ledger: any LedgerStore
    let settings: any WritableSettingsStore
    let loginAttempts: any LoginAttemptStore
    let hasher: any PasswordHasher
    let signer: any TokenSigner
    let health: any HealthProbe
    let personas: any PersonaStore
    let folders: any FolderStore
    let customerData: any CustomerDataStore
    let usageEvents: any UsageEventStore
    let clock: any Domain.Clock
    let tasks: any TaskStore
    let taskPolicy: TaskPolicy
    let focusGroups: any FocusGroupStore
    let stimulusImages: any StimulusImageStore
    let sessions: any SessionStore
    /// Where running sessions publish what they are doing (drafts, polls) for the live rooms.
    let liveActivity: any LiveActivityStore
    /// Effective-dated model prices (`model_prices`): the run estimate and the admin's Pricing area.
    let modelPricing: any ModelPriceBook
    /// The configured model of each tier (the run estimate prices them).
    let models: LLMModelNames
    /// Monthly spend limits: overrides and the month's spend counter.
    let quotas: any QuotaStore
    /// Every administrator change and read of a user (`admin_audit`).
    let adminAudit: any AdminAuditLog
    /// Each user's session count, for the admin's user view.
    let sessionCounter: any SessionCounter
    /// Stripe Checkout and its webhook; nil where a process or test does not sell (billing routes answer 503).
    var billing: BillingPorts? = nil
    /// Every user's usage, signups, personas, sessions and payments, for the admin usage report and analytics;
    /// nil where a process or test does not serve them (those routes answer 503).
    var activityHistory: (any ActivityHistory)? = nil
    /// How long `app_settings` is served from memory (`COHORTA_SETTINGS_CACHE_SECONDS`).
    var settingsCacheLifetime: Double = 60
    /// Export files and their chunks; nil where a process or test does not export (export routes answer 503).
    var exports: (any ExportStore)? = nil
    /// How long an export can be downloaded (`COHORTA_EXPORT_TTL_HOURS`).
    var exportLifetime: TimeInterval = 24 * 3600
}
