import Domain
import Foundation
import HTTPCore

/// /api/auth/*: registration, sign-in, the current user, password change and logging out everywhere.
struct AuthRoutes {
    private struct Credentials: Decodable {
        let email: String
        let password: String
    }

    private struct PasswordChange: Decodable {
        let currentPassword: String
        let newPassword: String

        enum CodingKeys: String, CodingKey {
            case currentPassword = "current_password"
            case newPassword = "new_password"
        }
    }

    private struct Registered: Encodable {
        let message = "If this address was free, your account is ready with its trial credits. Sign in to continue."
    }

    private struct Me: Encodable {
        let user: UserRepresentation
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.post, "/api/auth/register") { request, _, _ in
            let body = try request.decode(Credentials.self)
            _ = try app.registerUser(email: body.email, password: body.password)
            return .json(Registered(), status: .created)
        }
        router.on(.post, "/api/auth/login") { request, _, _ in
            let body = try request.decode(Credentials.self)
            let signedIn = try app.logIn(
                email: body.email, password: body.password, remoteAddress: request.remoteAddress)
            return .json(SessionRepresentation(signedIn))
        }
        router.on(.get, "/api/auth/me") { request, _, _ in
            .json(Me(user: UserRepresentation(try app.authenticatedUser(request))))
        }
        router.on(.post, "/api/auth/password") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(PasswordChange.self)
            let signedIn = try app.changePassword(
                for: user, currentPassword: body.currentPassword, newPassword: body.newPassword)
            return .json(SessionRepresentation(signedIn))
        }
        router.on(.post, "/api/auth/logout-all") { request, _, _ in
            _ = try app.users.revokeTokens(of: app.authenticatedUser(request).id)
            return .noContent
        }
    }
}
