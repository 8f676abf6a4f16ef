/// A response body made chunk by chunk while it is sent, with its length known up front (so the
/// response carries `Content-Length`). `produce` hands each piece to the transport's `emit`; it runs on
/// the thread serving the request, after the head is written.
public struct HTTPBodyStream: Sendable {
    public let length: Int
    private let produce: @Sendable (_ emit: ([UInt8]) throws -> Void) throws -> Void

    public init(length: Int, produce: @escaping @Sendable (_ emit: ([UInt8]) throws -> Void) throws -> Void) {
        precondition(length >= 0, "a body has a length of at least zero")
        self.length = length
        self.produce = produce
    }

    /// Runs the producer; returns how many bytes it gave, which a transport compares with `length`.
    @discardableResult
    public func write(to emit: ([UInt8]) throws -> Void) throws -> Int {
        var count = 0
        try produce { piece in
            count += piece.count
            try emit(piece)
        }
        return count
    }

    /// The whole body at once: for tests and small bodies only.
    public func collect() throws -> [UInt8] {
        var body: [UInt8] = []
        try write { body += $0 }
        return body
    }
}
