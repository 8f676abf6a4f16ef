import Glibc

/// One `mmap(MAP_SHARED)` of a whole file: the only owner of the mapping, unmapped in `deinit`.
/// The descriptor is closed once the mapping exists (the mapping keeps the file alive, even unlinked).
final class MappedFile: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let size: Int
    let writable: Bool

    /// Creates (or truncates to `size`) `path` and maps it read-write. Mode 0640.
    static func create(path: String, size: Int) throws(MetricsError) -> MappedFile {
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard descriptor >= 0 else { throw MetricsError("open", path: path) }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(size)) == 0 else { throw MetricsError("ftruncate", path: path) }
        return try MappedFile(descriptor: descriptor, size: size, writable: true, path: path)
    }

    /// Maps an existing file, read-only or read-write; nil when it is gone or shorter than a header.
    static func open(path: String, writable: Bool) -> MappedFile? {
        let descriptor = Glibc.open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size >= MetricsLayout.headerSize else { return nil }
        return try? MappedFile(descriptor: descriptor, size: Int(info.st_size), writable: writable, path: path)
    }

    private init(descriptor: Int32, size: Int, writable: Bool, path: String) throws(MetricsError) {
        let protection = writable ? PROT_READ | PROT_WRITE : PROT_READ
        guard let mapped = mmap(nil, size, protection, MAP_SHARED, descriptor, 0), mapped != MAP_FAILED else {
            throw MetricsError("mmap", path: path)
        }
        base = mapped
        self.size = size
        self.writable = writable
    }

    deinit { munmap(base, size) }
}

/// A failed system call on a metrics file. Metrics never stop a process: callers log it and run without.
public struct MetricsError: Error, Sendable, CustomStringConvertible {
    public let call: String
    public let path: String
    public let errno: Int32

    init(_ call: String, path: String) {
        self.call = call
        self.path = path
        self.errno = Glibc.errno
    }

    public var description: String { "\(call) \(path): \(String(cString: strerror(errno)))" }
}
