/// `app_settings` as the administrator changes it: the whole document at once, read fresh.
public protocol WritableSettingsStore: SettingsStore {
    func replace(with settings: AppSettings) throws
}
