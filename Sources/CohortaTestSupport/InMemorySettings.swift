public import Domain
import Synchronization

/// `WritableSettingsStore` in memory: what was last replaced, else the defaults given.
public final class InMemorySettings: WritableSettingsStore {
    private let state: Mutex<AppSettings>  // guards the current settings

    public init(_ settings: AppSettings = .defaults) { state = Mutex(settings) }

    public func appSettings() throws -> AppSettings { state.withLock { $0 } }

    public func replace(with settings: AppSettings) throws { state.withLock { $0 = settings } }
}
