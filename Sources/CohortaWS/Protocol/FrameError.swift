import Domain

/// Why a client frame was not carried out: sent back as `{"type":"error", …}`; the connection stays open.
struct FrameError: Error, Sendable, Equatable {
    /// The REST API's error codes (a use case's `DomainError.Code`) plus the socket's own.
    struct Code: RawRepresentable, Hashable, Sendable {
        let rawValue: String
        static let badRequest = Code(rawValue: "bad_request")
        static let unknownType = Code(rawValue: "unknown_type")
        static let notFound = Code(rawValue: DomainError.Code.notFound.description)
        static let tooManyRooms = Code(rawValue: "too_many_rooms")
        static let unavailable = Code(rawValue: DomainError.Code.unavailable.description)
    }

    let code: Code
    let message: String
    var field: String?
    var requestID: String?
    var sessionID: SessionID?

    init(_ code: Code, _ message: String, requestID: String? = nil, sessionID: SessionID? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
        self.sessionID = sessionID
    }

    /// A use case's error as the client sees it: the same code and message the REST API sends (both are
    /// safe to show); anything else is `unavailable` and only its kind reaches the logs.
    init(_ error: any Error, requestID: String?, sessionID: SessionID?) {
        guard let error = error as? DomainError else {
            self.init(
                .unavailable, "The service is briefly unavailable. Please try again.", requestID: requestID,
                sessionID: sessionID)
            return
        }
        self.init(Code(rawValue: error.code.description), error.message, requestID: requestID, sessionID: sessionID)
        field = error.field
    }
}
