import Domain
import Foundation

/// libFuzzer entry: arbitrary text as a WebSocket message from a client. `ClientFrame.parse` answers a frame
/// or a `bad_request`; the fields the hub reads next (session id, command kind) never trap; the replies that
/// echo client text (`request_id`, the type) are always valid JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClientFrame(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    switch ClientFrame.parse(text) {
    case .failure(let error):
        guard error.code == .badRequest else { fatalError("parse failed with \(error.code.rawValue)") }
        expectJSON(Frame.text("error", reply(error)))
    case .success(let frame):
        if let requestID = frame.requestID, requestID.count > ClientFrame.maximumRequestIDLength {
            fatalError("an over-long request_id was accepted")
        }
        do {
            let session = try frame.requiredSessionID()
            guard !session.rawValue.isEmpty else { fatalError("an empty session id was accepted") }
        } catch {
            expectJSON(Frame.text("error", reply(error)))
        }
        _ = SessionCommand.Kind(rawValue: frame.type)
        _ = frame.personaID.map(PersonaID.init)
        let unknown = FrameError(
            .unknownType, "Unknown message type \"\(frame.type.prefix(64))\".", requestID: frame.requestID)
        expectJSON(Frame.text("error", reply(unknown)))
    }
    return 0
}

/// The fields the hub's error reply carries (`Hub.ErrorReply`), client text included.
private func reply(_ error: FrameError) -> [String: String] {
    ["code": error.code.rawValue, "message": error.message, "request_id": error.requestID ?? ""]
}

private func expectJSON(_ text: String) {
    guard (try? JSONValue.parse(text)) != nil else { fatalError("a reply is not JSON: \(text)") }
}
