/// Metadata keys this module logs with (one place, so dashboards and greps agree).
public enum DaemonLogKey {
    public static let pid = "worker.pid"
    public static let pids = "worker.pids"
    public static let slot = "worker.slot"
    public static let status = "worker.status"
    public static let workers = "workers"
    public static let delay = "delay"
    public static let signal = "signal"
    public static let error = "error"
}
