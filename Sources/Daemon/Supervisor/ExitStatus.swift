/// How a child process ended, decoded from a waitpid(2) status word.
public enum ExitStatus: Hashable, Sendable, CustomStringConvertible {
    case exited(code: Int32)
    case signaled(signal: Int32)

    /// Decodes the Linux wait status layout (the WIFEXITED/WTERMSIG macros do not import into Swift).
    public init(waitStatus: Int32) {
        let signal = waitStatus & 0x7F
        self = signal == 0 ? .exited(code: (waitStatus >> 8) & 0xFF) : .signaled(signal: signal)
    }

    public var isClean: Bool { self == .exited(code: 0) }

    public var description: String {
        switch self {
        case .exited(let code): "exit \(code)"
        case .signaled(let signal): "signal \(signal)"
        }
    }
}
