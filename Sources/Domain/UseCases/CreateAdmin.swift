/// The command-line bootstrap of an operator: promotes an existing account to admin, or creates one.
public struct CreateAdmin: Sendable {
    public enum Outcome: Sendable, Equatable {
        case created(User)
        case promoted(User)
    }

    private let users: any UserStore
    private let register: RegisterUser

    public init(users: any UserStore, register: RegisterUser) {
        self.users = users
        self.register = register
    }

    public func callAsFunction(email rawEmail: String, password: String) throws -> Outcome {
        guard let email = EmailAddress(rawEmail) else {
            throw DomainError.invalid("email", "Enter a valid e-mail address.")
        }
        if let existing = try users.user(email: email) {
            return .promoted(try users.setRole(.admin, of: existing.id))
        }
        switch try register(email: email.value, password: password, role: .admin) {
        case .created(let user): return .created(user)
        case .addressAlreadyRegistered:
            guard let raced = try users.user(email: email) else { throw DomainError(.conflict, "Try again.") }
            return .promoted(try users.setRole(.admin, of: raced.id))
        }
    }
}
