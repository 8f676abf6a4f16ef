import Glibc

/// The folder of segment files (`COHORTA_METRICS_DIR`, default `/run/cohorta/metrics`):
/// `<role>-<pid>.prom.bin` per process and `<role>-retired.prom.bin` per supervised role.
public struct MetricsDirectory: Sendable {
    static let suffix = ".prom.bin"
    static let retiredMarker = "-retired"

    public let path: String

    public init(path: String) { self.path = path }

    /// Creates the folder (mode 0750) when missing.
    public func ensureExists() throws(MetricsError) {
        guard mkdir(path, 0o750) == 0 || errno == EEXIST else { throw MetricsError("mkdir", path: path) }
    }

    /// A fresh segment for the calling process. Call it in the process that writes it (after fork).
    public func createProcessSegment(role: String) throws(MetricsError) -> MetricsSegment {
        try ensureExists()
        let pid = getpid()
        return try MetricsSegment(creating: processSegmentPath(role: role, pid: pid), pid: pid, retiredKind: false)
    }

    /// Deletes this role's process segments whose process is gone (left by a crash of the whole service).
    public func removeStale(role: String) {
        for name in segmentNames() where name.hasPrefix(role + "-") && !Self.isRetired(name) {
            let pidText = name.dropFirst(role.count + 1).dropLast(Self.suffix.count)
            if let pid = Int32(pidText), !Self.isAlive(pid) { unlink(path + "/" + name) }
        }
    }

    func processSegmentPath(role: String, pid: Int32) -> String { "\(path)/\(role)-\(pid)\(Self.suffix)" }
    func retiredSegmentPath(role: String) -> String { "\(path)/\(role)\(Self.retiredMarker)\(Self.suffix)" }

    static func isRetired(_ name: String) -> Bool { name.hasSuffix(retiredMarker + suffix) }

    /// File names of every segment in the folder (empty when the folder is missing).
    func segmentNames() -> [String] {
        guard let stream = opendir(path) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(Self.suffix) { names.append(name) }
        }
        return names.sorted()
    }

    /// kill(pid, 0): alive (a zombie counts as alive until its parent reaps it).
    static func isAlive(_ pid: Int32) -> Bool { pid > 0 && (kill(pid, 0) == 0 || errno == EPERM) }
}
