/// What a heartbeat found: the lease renewed (and whether the owner asked to cancel), or lost to another runner.
public enum LeaseRenewal: Sendable, Equatable {
    case renewed(cancelRequested: Bool)
    case lost
}
