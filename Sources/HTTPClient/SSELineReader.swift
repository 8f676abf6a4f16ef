/// Turns the bytes of a `text/event-stream` body into events, whatever the chunking
/// (WHATWG HTML "Interpreting an event stream"). Pure: bytes in, events out, no I/O.
///
/// Lines may end in CRLF, LF or CR, including a CRLF split across two chunks. `:` lines are
/// comments. An event is dispatched at a blank line. After a `[DONE]` event it emits nothing more.
public struct SSELineReader: Sendable {
    private var line: [UInt8] = []
    private var lastByteWasCR = false
    private var atFirstLine = true
    private var eventType = ""
    private var data: [UInt8] = []
    private var lastEventID: String?

    /// True once a `[DONE]` event has been emitted.
    public private(set) var isDone = false

    public init() {}

    /// Feeds the next chunk and returns the events it completes, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for byte in bytes {
            if isDone { break }
            switch byte {
            case UInt8(ascii: "\n") where lastByteWasCR:
                lastByteWasCR = false
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                lastByteWasCR = byte == UInt8(ascii: "\r")
                if let event = endLine() { events.append(event) }
            default:
                lastByteWasCR = false
                line.append(byte)
            }
        }
        return events
    }

    private mutating func endLine() -> SSEEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        var content = line[...]
        if atFirstLine {
            atFirstLine = false
            if content.starts(with: Self.byteOrderMark) { content = content.dropFirst(Self.byteOrderMark.count) }
        }
        if content.isEmpty { return dispatch() }
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else {
            process(field: content, value: [][...])
            return nil
        }
        if colon == content.startIndex { return nil }  // comment
        var value = content[content.index(after: colon)...]
        if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        process(field: content[..<colon], value: value)
        return nil
    }

    private mutating func process(field: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        switch String(decoding: field, as: UTF8.self) {
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
        case "data":
            data.append(contentsOf: value)
            data.append(UInt8(ascii: "\n"))
        case "id" where !value.contains(0):
            lastEventID = String(decoding: value, as: UTF8.self)
        default:
            break  // "retry" and unknown fields: this client does not reconnect
        }
    }

    private mutating func dispatch() -> SSEEvent? {
        defer {
            eventType = ""
            data.removeAll(keepingCapacity: true)
        }
        guard !data.isEmpty else { return nil }
        let event = SSEEvent(
            type: eventType.isEmpty ? "message" : eventType,
            data: String(decoding: data.dropLast(), as: UTF8.self),
            id: lastEventID)
        isDone = event.isDone
        return event
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
