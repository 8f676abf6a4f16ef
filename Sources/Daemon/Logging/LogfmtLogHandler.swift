public import Logging
import Synchronization

/// One logfmt line per event, written with a single write(2) to fd 2 so journald sees the
/// `<N>` syslog priority prefix: `<6>ts=2026-11-24T20:00:00.000Z level=info msg="request finished" request.id=… status=200`.
/// Metadata (provider, logger, then event, later wins) is sorted by key.
public struct LogfmtLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// A level set on this handler's logger; otherwise the process-wide level from `LoggingBootstrap`.
    private var ownLevel: Logger.Level?
    private let output: @Sendable ([UInt8]) -> Void

    public init(
        metadataProvider: Logger.MetadataProvider? = nil,
        output: @escaping @Sendable ([UInt8]) -> Void = StandardError.write
    ) {
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public var logLevel: Logger.Level {
        get { ownLevel ?? LoggingBootstrap.level }
        set { ownLevel = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadataProvider?.get() ?? [:]
        merged.merge(metadata) { $1 }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        if let error = event.error { merged["error"] = "\(String(reflecting: error))" }
        let line = Self.line(level: event.level, message: "\(event.message)", metadata: merged, at: WallClock.now())
        output(Array(line.utf8))
    }

    /// The formatted line, newline included. Pure, for tests.
    public static func line(level: Logger.Level, message: String, metadata: Logger.Metadata, at time: WallClock.Time)
        -> String
    {
        var line = "<\(priority(level))>ts=\(time.iso8601) level=\(level.rawValue) msg=\(quoted(message))"
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            line += " \(sanitizedKey(key))=\(formatted(render(value)))"
        }
        line += "\n"
        return line
    }

    /// syslog priority as journald reads it from the `<N>` prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func render(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(render).joined(separator: ",") + "]"
        case .dictionary(let values):
            "{" + values.keys.sorted().map { "\($0)=\(values[$0].map(render) ?? "")" }.joined(separator: ",") + "}"
        }
    }

    /// Bare when it is a simple token, else quoted.
    static func formatted(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.unicodeScalars.contains {
                $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F
            }
        return needsQuotes ? quoted(value) : value
    }

    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Keys never contain separators: anything but letters, digits, `.`, `_`, `-` becomes `_`.
    private static func sanitizedKey(_ key: String) -> String {
        let cleaned = String(
            key.unicodeScalars.map { scalar -> Character in
                let allowed =
                    scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || ".-_".unicodeScalars.contains(scalar))
                return allowed ? Character(scalar) : "_"
            })
        return cleaned.isEmpty ? "_" : cleaned
    }
}
