/// Collection names (docs/contracts.md), in one place.
enum MongoCollectionName {
    static let users = "users"
    static let creditTransactions = "credit_transactions"
    static let appSettings = "app_settings"
    static let loginAttempts = "login_attempts"
    static let tasks = "tasks"
    static let personas = "personas"
    static let folders = "folders"
    static let customerDatasets = "customer_datasets"
    static let focusGroups = "focus_groups"
    static let stimulusImages = "stimulus_images"
}
