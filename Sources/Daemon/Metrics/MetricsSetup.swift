public import Logging
public import Metrics

/// Opens a process's metrics at startup. Metrics never stop a process: on failure it logs a warning and
/// runs without them (its samples are simply missing from /metrics).
public enum MetricsSetup {
    /// The calling process's own segment (`<role>-<pid>.prom.bin`). Call it after fork, in the process.
    public static func segment(directory: String, role: String, logger: Logger) -> MetricsSegment? {
        do {
            return try MetricsDirectory(path: directory).createProcessSegment(role: role)
        } catch {
            logger.warning("metrics disabled", metadata: [DaemonLogKey.error: "\(error)", "role": "\(role)"])
            return nil
        }
    }

    /// A supervisor's retired segment for `role`. Call it before the first fork.
    public static func retirement(directory: String, role: String, logger: Logger) -> MetricsRetirement? {
        do {
            return try MetricsRetirement(directory: MetricsDirectory(path: directory), role: role)
        } catch {
            logger.warning("metrics disabled", metadata: [DaemonLogKey.error: "\(error)", "role": "\(role)"])
            return nil
        }
    }
}
