/// A value that only the lws service thread may touch, checked with `pthread_equal` on every access
/// (the `NIOLoopBound` idea). It may be captured by `@Sendable` work posted to that thread.
public struct ServiceThreadBound<Value>: @unchecked Sendable {
    // @unchecked: the box is only read or written after `owner.preconditionIsCurrent()`.
    private final class Box {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private let box: Box
    public let owner: ServiceThread

    /// Service thread (the value is created where it will live).
    public init(_ value: Value, owner: ServiceThread = .current) {
        owner.preconditionIsCurrent()
        self.box = Box(value)
        self.owner = owner
    }

    /// Service thread only.
    public var value: Value {
        get {
            owner.preconditionIsCurrent()
            return box.value
        }
        nonmutating set {
            owner.preconditionIsCurrent()
            box.value = newValue
        }
    }

    /// Service thread only. Mutates in place (no copy of the stored collection).
    public func withValue<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        owner.preconditionIsCurrent()
        return try body(&box.value)
    }
}
