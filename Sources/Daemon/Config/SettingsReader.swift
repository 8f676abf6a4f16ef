import Logging

/// Typed reads of one `EnvironmentSource`, each failing with a `ConfigError` that names the key.
struct SettingsReader {
    let source: EnvironmentSource

    func string(_ key: String, default fallback: String) throws(ConfigError) -> String {
        source.value(key) ?? fallback
    }

    func bool(_ key: String, default fallback: Bool) throws(ConfigError) -> Bool {
        guard let raw = source.value(key) else { return fallback }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigError(.invalid, setting: key, reason: "must be 1/true/yes/on or 0/false/no/off")
        }
    }

    func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        try optionalInt(key, in: range) ?? fallback
    }

    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let raw = source.value(key) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigError(
                .invalid, setting: key,
                reason: "must be an integer from \(range.lowerBound) to \(range.upperBound) (got \"\(raw)\")")
        }
        return value
    }

    /// A unix socket path: must fit `sockaddr_un.sun_path` (107 bytes plus NUL).
    func socketPath(_ key: String, default fallback: String) throws(ConfigError) -> String {
        let path = source.value(key) ?? fallback
        guard path.utf8.count <= 107 else {
            throw ConfigError(.invalid, setting: key, reason: "socket path is longer than 107 bytes")
        }
        return path
    }

    func logLevel(_ key: String, default fallback: Logger.Level) throws(ConfigError) -> Logger.Level {
        guard let raw = source.value(key) else { return fallback }
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigError(.invalid, setting: key, reason: "must be one of \(names)")
        }
        return level
    }
}
