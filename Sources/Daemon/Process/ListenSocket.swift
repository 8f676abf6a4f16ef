import Glibc

/// The FastCGI listening socket. Owns the descriptor (closed in deinit) and, when it bound the path
/// itself, the socket file (unlinked in deinit, by the process that created it only: forked children
/// inherit this object and must not remove the supervisor's socket).
public final class ListenSocket {
    /// systemd passes activated sockets from fd 3 (sd_listen_fds(3)).
    static let firstActivatedDescriptor: Int32 = 3

    public let descriptor: Int32
    /// True when inherited from systemd (`LISTEN_FDS`/`LISTEN_PID`); such a socket outlives this process.
    public let isSocketActivated: Bool
    private let boundPath: String?
    private let ownerPID: pid_t

    /// Uses the socket systemd passed when `LISTEN_PID` is this process; otherwise binds a unix socket at
    /// `path` with `mode`, replacing a stale socket file (one nobody accepts on). A live socket or a
    /// non-socket file at `path` is an error.
    public init(path: String, mode: UInt32 = 0o666, backlog: Int32 = 1024) throws(SystemCallError) {
        ownerPID = getpid()
        if let fds = Self.activatedDescriptorCount(), fds >= 1 {
            descriptor = Self.firstActivatedDescriptor
            isSocketActivated = true
            boundPath = nil
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            return
        }
        descriptor = try Self.bind(path: path, mode: mode, backlog: backlog)
        isSocketActivated = false
        boundPath = path
    }

    deinit {
        close(descriptor)
        if let boundPath, getpid() == ownerPID { unlink(boundPath) }
    }

    /// `LISTEN_FDS` when `LISTEN_PID` names this process. The variables are then removed so that
    /// children never mistake them for their own.
    private static func activatedDescriptorCount() -> Int? {
        guard let pidText = getenv("LISTEN_PID"), let countText = getenv("LISTEN_FDS"),
            let pid = pid_t(String(cString: pidText)), pid == getpid(), let count = Int(String(cString: countText))
        else { return nil }
        unsetenv("LISTEN_PID")
        unsetenv("LISTEN_FDS")
        unsetenv("LISTEN_FDNAMES")
        return count
    }

    private static func bind(path: String, mode: mode_t, backlog: Int32) throws(SystemCallError) -> Int32 {
        var address = try UnixSocketAddress(path: path)
        try removeStaleSocket(at: path, address: &address)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemCallError("socket", subject: path) }
        let bound = address.withSocketAddress { Glibc.bind(fd, $0, $1) }
        guard bound == 0 else {
            let error = SystemCallError("bind", subject: path)
            close(fd)
            throw error
        }
        guard chmod(path, mode) == 0, listen(fd, backlog) == 0 else {
            let error = SystemCallError("listen", subject: path)
            close(fd)
            unlink(path)
            throw error
        }
        return fd
    }

    /// Removes `path` only if it is a socket that refuses connections (left over by a killed process).
    private static func removeStaleSocket(at path: String, address: inout UnixSocketAddress) throws(SystemCallError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw SystemCallError("bind", errno: EEXIST, subject: "\(path) (exists and is not a socket)")
        }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { throw SystemCallError("socket", subject: path) }
        defer { close(probe) }
        let connected = address.withSocketAddress { connect(probe, $0, $1) }
        if connected == 0 {
            throw SystemCallError("bind", errno: EADDRINUSE, subject: "\(path) (another process is listening)")
        }
        unlink(path)
    }
}

/// A `sockaddr_un` for a filesystem path.
struct UnixSocketAddress {
    private var storage = sockaddr_un()

    init(path: String) throws(SystemCallError) {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < MemoryLayout.size(ofValue: storage.sun_path) else {
            throw SystemCallError("bind", errno: ENAMETOOLONG, subject: path)
        }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { sunPath in
            for (index, byte) in bytes.enumerated() { sunPath[index] = byte }
        }
    }

    mutating func withSocketAddress<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
