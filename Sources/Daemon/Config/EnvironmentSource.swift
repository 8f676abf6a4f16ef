import Foundation

/// Where settings come from, in order of precedence:
/// - secrets: `$CREDENTIALS_DIRECTORY/<key without COHORTA_, lowercased>` (systemd `LoadCredential=`),
///   then the process environment, then the env file;
/// - everything else: the process environment, then the env file named by `COHORTA_ENV_FILE`.
public struct EnvironmentSource: Sendable {
    public static let envFileKey = "COHORTA_ENV_FILE"

    private let environment: [String: String]
    private let file: [String: String]
    private let credentialsDirectory: String?

    public init(environment: [String: String], file: [String: String] = [:], credentialsDirectory: String? = nil) {
        self.environment = environment
        self.file = file
        self.credentialsDirectory = credentialsDirectory
    }

    /// Reads this process's environment, the env file it names (if any) and `$CREDENTIALS_DIRECTORY`.
    public static func current() throws(ConfigError) -> EnvironmentSource {
        let environment = ProcessInfo.processInfo.environment
        var file: [String: String] = [:]
        if let path = environment[envFileKey], !path.isEmpty {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigError(.unreadable, setting: envFileKey, reason: "cannot read env file \(path)")
            }
            file = try parseEnvFile(text, path: path)
        }
        let credentials = environment["CREDENTIALS_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 }
        return EnvironmentSource(environment: environment, file: file, credentialsDirectory: credentials)
    }

    /// A plain setting: the environment wins over the env file. Empty values count as unset.
    public func value(_ key: String) -> String? {
        if let value = environment[key], !value.isEmpty { return value }
        if let value = file[key], !value.isEmpty { return value }
        return nil
    }

    /// A secret: a systemd credential wins over the environment and the env file.
    /// One trailing newline is dropped from a credential file (editors add one).
    public func secret(_ key: String) throws(ConfigError) -> String? {
        if let directory = credentialsDirectory {
            let name = key.hasPrefix("COHORTA_") ? String(key.dropFirst("COHORTA_".count)) : key
            let path = directory + "/" + name.lowercased()
            if FileManager.default.fileExists(atPath: path) {
                guard var text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw ConfigError(.unreadable, setting: key, reason: "cannot read credential file \(path)")
                }
                if text.hasSuffix("\n") { text.removeLast() }
                if !text.isEmpty { return text }
            }
        }
        return value(key)
    }

    /// Parses `KEY=VALUE` lines: blank lines and `#` comments are skipped, an `export ` prefix is allowed,
    /// and values may be wrapped in single quotes (taken literally) or double quotes (`\"`, `\\`, `\n` unescaped).
    public static func parseEnvFile(_ text: String, path: String = "env file") throws(ConfigError) -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") {
                line = String(line.dropFirst("export ".count)).trimmingCharacters(in: .whitespaces)
            }
            guard let equals = line.firstIndex(of: "="),
                case let key = line[..<equals].trimmingCharacters(in: .whitespaces), isValidKey(key)
            else {
                throw ConfigError(
                    .unreadable, setting: envFileKey, reason: "\(path) line \(index + 1): expected KEY=VALUE")
            }
            guard let value = unquote(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)) else {
                throw ConfigError(
                    .unreadable, setting: envFileKey, reason: "\(path) line \(index + 1): unterminated quote")
            }
            values[key] = value
        }
        return values
    }

    private static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return key.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }

    /// nil when a quote is opened and never closed.
    private static func unquote(_ value: String) -> String? {
        guard let quote = value.first, quote == "\"" || quote == "'" else { return value }
        guard value.count >= 2, value.last == quote else { return nil }
        let inner = value.dropFirst().dropLast()
        guard quote == "\"" else { return String(inner) }
        var result = ""
        var escaping = false
        for character in inner {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
