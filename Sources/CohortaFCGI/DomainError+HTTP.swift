import Domain
import HTTPCore

/// The single place where a domain error becomes an HTTP status and public body.
struct DomainErrorResponse: HTTPResponseError {
    let error: DomainError

    init(_ error: DomainError) { self.error = error }

    var status: HTTPStatus {
        switch error.code {
        case .invalidInput: .badRequest
        case .invalidSignature: .badRequest
        case .unauthenticated: .unauthorized
        case .insufficientCredits, .quotaExceeded: .paymentRequired
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .rateLimited: .tooManyRequests
        case .tooManyTasks: .tooManyRequests
        case .notReady: .conflict
        case .exportExpired: .gone
        default: .serviceUnavailable
        }
    }

    var code: String { error.code.description }
    var message: String { error.message }
    var field: String? { error.field }

    var headers: HTTPHeaders {
        var headers: HTTPHeaders = [:]
        if let seconds = error.retryAfterSeconds { headers.replaceOrAdd(name: "Retry-After", value: String(seconds)) }
        if error.code == .unauthenticated { headers.replaceOrAdd(name: "WWW-Authenticate", value: "Bearer") }
        return headers
    }
}
