/// Creates an account with its trial credits. Answers the same whether or not the address was free,
/// and spends the same hashing time either way, so registration reveals nothing about who has an account.
public struct RegisterUser: Sendable {
    public enum Outcome: Sendable, Equatable {
        case created(User)
        case addressAlreadyRegistered
    }

    private let users: any UserStore
    private let hasher: any PasswordHasher
    private let settings: any SettingsStore
    private let clock: any Clock

    public init(users: any UserStore, hasher: any PasswordHasher, settings: any SettingsStore, clock: any Clock) {
        self.users = users
        self.hasher = hasher
        self.settings = settings
        self.clock = clock
    }

    public func callAsFunction(email rawEmail: String, password rawPassword: String, role: UserRole = .user) throws
        -> Outcome
    {
        let (email, password) = try Self.validate(email: rawEmail, password: rawPassword)
        let hash = try hasher.hash(password)
        let newUser = NewUser(
            email: email, passwordHash: hash, role: role, trialCredits: try settings.appSettings().trialCredits,
            createdAt: clock.now)
        do {
            return .created(try users.insert(newUser))
        } catch let error as DomainError where error.code == .conflict {
            return .addressAlreadyRegistered
        }
    }

    static func validate(email rawEmail: String, password rawPassword: String) throws -> (EmailAddress, Password) {
        guard let email = EmailAddress(rawEmail) else {
            throw DomainError.invalid("email", "Enter a valid e-mail address.")
        }
        let password = Password(rawPassword)
        if let weakness = password.weaknessMessage { throw DomainError.invalid("password", weakness) }
        return (email, password)
    }
}
