/// A bounded FIFO of outbound frames for one connection. Pure: the service thread owns it, and the
/// caller decides what an overflow means (Cohorta drops the slow consumer).
public struct Outbox<Frame> {
    public enum PushResult: Equatable {
        /// Queued; `wasEmpty` tells the caller to ask lws for a WRITEABLE callback.
        case queued(wasEmpty: Bool)
        /// The outbox was full: everything queued was discarded, nothing more is accepted.
        case overflowed
        /// An earlier overflow already closed this outbox.
        case closed
    }

    public let capacity: Int
    private var frames: [Frame] = []
    /// Index of the oldest unsent frame in `frames` (amortised O(1) pops without a deque).
    private var head = 0
    public private(set) var isClosed = false

    public init(capacity: Int) {
        precondition(capacity > 0, "outbox capacity must be positive")
        self.capacity = capacity
    }

    public var count: Int { frames.count - head }
    public var isEmpty: Bool { count == 0 }

    /// Service thread.
    public mutating func push(_ frame: Frame) -> PushResult {
        guard !isClosed else { return .closed }
        guard count < capacity else {
            close()
            return .overflowed
        }
        let wasEmpty = isEmpty
        frames.append(frame)
        return .queued(wasEmpty: wasEmpty)
    }

    /// Service thread. The oldest frame, or nil when there is nothing to send.
    public mutating func pop() -> Frame? {
        guard head < frames.count else { return nil }
        let frame = frames[head]
        head += 1
        if head == frames.count {
            frames.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64 && head * 2 >= frames.count {
            frames.removeFirst(head)
            head = 0
        }
        return frame
    }

    /// Service thread. Discards every queued frame and refuses further pushes.
    public mutating func close() {
        frames.removeAll()
        head = 0
        isClosed = true
    }
}
