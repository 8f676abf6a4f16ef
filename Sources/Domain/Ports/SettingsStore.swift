/// Reads `app_settings`. Callers cache through `CachedSettings`; stores always read fresh.
public protocol SettingsStore: Sendable {
    func appSettings() throws -> AppSettings
}
