import Glibc

/// A failed system call, with errno. Not for HTTP bodies: logs and startup messages only.
public struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: String
    public let errno: Int32
    /// What we were doing, e.g. the socket path.
    public let subject: String

    /// Captures the current `errno`; call it right after the failing call.
    public init(_ call: String, subject: String = "") {
        self.init(call, errno: Glibc.errno, subject: subject)
    }

    public init(_ call: String, errno: Int32, subject: String = "") {
        self.call = call
        self.errno = errno
        self.subject = subject
    }

    public var description: String {
        let reason = String(cString: strerror(errno))
        return subject.isEmpty ? "\(call): \(reason)" : "\(call) \(subject): \(reason)"
    }
}
