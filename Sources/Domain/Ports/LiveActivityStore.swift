/// Where a run publishes its `LiveActivity` (one record per session, overwritten). Publishing is best
/// effort for the caller: a failure must never fail the run.
public protocol LiveActivityStore: Sendable {
    func publish(_ activity: LiveActivity) throws
}
