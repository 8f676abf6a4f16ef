import Domain

/// Who is on the other end of an accepted connection (from the verified token).
final class ClientSession {
    let userID: UserID
    let tokenVersion: Int64

    init(userID: UserID, tokenVersion: Int64) {
        self.userID = userID
        self.tokenVersion = tokenVersion
    }
}
