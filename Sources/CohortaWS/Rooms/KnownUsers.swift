import Domain

/// What authenticating a user's connection needs from their user document.
struct KnownUser: Sendable, Equatable {
    let tokenVersion: Int64
    let isAdmin: Bool
    let creditsBalance: Credits

    init(tokenVersion: Int64, isAdmin: Bool, creditsBalance: Credits) {
        self.tokenVersion = tokenVersion
        self.isAdmin = isAdmin
        self.creditsBalance = creditsBalance
    }

    init(_ user: User) {
        self.init(tokenVersion: user.tokenVersion, isAdmin: user.role == .admin, creditsBalance: user.creditsBalance)
    }
}

extension Viewer {
    init(_ user: KnownUser, claims: AccessClaims) {
        self.init(
            userID: claims.subject, isAdmin: user.isAdmin, tokenVersion: user.tokenVersion,
            expiresAt: claims.expiresAt, creditsBalance: user.creditsBalance)
    }
}

/// The users with open connections as the users change stream last showed them, so a user's further
/// connections are admitted on the token's signature alone, without reading the user again
/// (docs/realtime.md, "Authentication"). Service thread only.
///
/// A read of a user is only remembered when no user change arrived while it ran (`epoch`): a change
/// that overtook the read could otherwise be undone by the older state the read returns.
struct KnownUsers {
    private var users: [UserID: KnownUser] = [:]
    /// Counts every user change seen and every lost stream position.
    private(set) var epoch = 0

    /// How `claims` stand against what is known: admitted, refused as revoked, or to be read.
    enum Verdict: Equatable {
        case admitted(KnownUser)
        case revoked
        case unknown
    }

    func verdict(on claims: AccessClaims) -> Verdict {
        guard let user = users[claims.subject] else { return .unknown }
        if claims.tokenVersion == user.tokenVersion { return .admitted(user) }
        // A newer token than the stream has shown yet (the user just logged in again): read the user.
        return claims.tokenVersion < user.tokenVersion ? .revoked : .unknown
    }

    /// Remembers a user read at `epoch`, unless a change arrived since.
    mutating func remember(_ user: KnownUser, as id: UserID, readAt epoch: Int) {
        guard epoch == self.epoch else { return }
        users[id] = user
    }

    /// A user's document changed: known users take the new state.
    mutating func changed(_ user: User) {
        epoch += 1
        if users[user.id] != nil { users[user.id] = KnownUser(user) }
    }

    /// The user's last connection closed.
    mutating func forget(_ id: UserID) { users[id] = nil }

    /// The users stream lost its place: nothing known can be trusted.
    mutating func forgetAll() {
        epoch += 1
        users.removeAll()
    }
}
