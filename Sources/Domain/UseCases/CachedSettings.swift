public import Foundation
import Synchronization

/// Serves `app_settings` from memory, re-reading the store at most once per `lifetime` (about a minute),
/// so an admin's change reaches every worker within that time without a read per request.
public final class CachedSettings: SettingsStore {
    private struct Entry {
        let settings: AppSettings
        let readAt: Date
    }

    private let store: any SettingsStore
    private let clock: any Clock
    private let lifetime: TimeInterval
    private let cache = Mutex<Entry?>(nil)  // guards the last read; never held during the store call

    public init(store: any SettingsStore, clock: any Clock, lifetime: TimeInterval = 60) {
        self.store = store
        self.clock = clock
        self.lifetime = lifetime
    }

    public func appSettings() throws -> AppSettings {
        let now = clock.now
        if let entry = cache.withLock({ $0 }), now.timeIntervalSince(entry.readAt) < lifetime {
            return entry.settings
        }
        let fresh = try store.appSettings()
        cache.withLock { $0 = Entry(settings: fresh, readAt: now) }
        return fresh
    }
}
