import Glibc

/// Process exit statuses (systemd.exec(5), sysexits.h).
public struct ExitCode: Hashable, Sendable {
    public let rawValue: Int32

    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    public static let success = ExitCode(0)
    public static let failure = ExitCode(1)
    /// EX_CONFIG: systemd shows "Configuration error"; units set `RestartPreventExitStatus=78`.
    public static let configuration = ExitCode(78)

    public static func exit(_ code: ExitCode) -> Never { Glibc.exit(code.rawValue) }
}
