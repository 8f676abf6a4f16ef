import Domain
import Foundation

/// One frame from a client (docs/realtime.md, "Client → server"), decoded but not yet authorised.
struct ClientFrame: Decodable, Sendable {
    let type: String
    let requestID: String?
    let token: String?
    let sessionID: String?
    let afterSeq: Int?
    let text: String?
    let personaID: String?

    enum CodingKeys: String, CodingKey {
        case type, token, text
        case requestID = "request_id"
        case sessionID = "session_id"
        case afterSeq = "after_seq"
        case personaID = "persona_id"
    }

    static let maximumRequestIDLength = 64

    /// The frame, or a `bad_request` error naming what is wrong.
    static func parse(_ text: String) -> Result<ClientFrame, FrameError> {
        guard let frame = try? JSONDecoder().decode(ClientFrame.self, from: Data(text.utf8)) else {
            return .failure(FrameError(.badRequest, "Messages must be JSON objects with a string \"type\"."))
        }
        if let requestID = frame.requestID, requestID.count > maximumRequestIDLength {
            return .failure(FrameError(.badRequest, "request_id is longer than \(maximumRequestIDLength) characters."))
        }
        return .success(frame)
    }

    /// The session the frame names, or a `bad_request` error.
    func requiredSessionID() throws(FrameError) -> SessionID {
        guard let sessionID, !sessionID.isEmpty, sessionID.count <= 64 else {
            throw FrameError(.badRequest, "\"\(type)\" needs a session_id.", requestID: requestID)
        }
        return SessionID(sessionID)
    }
}
