/// Answers whether the database can be reached; throws `.unavailable` when not.
public protocol HealthProbe: Sendable {
    func ping() throws
}
