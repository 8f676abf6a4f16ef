/// How many focus-group sessions a user has (any status, forks and replays included): the admin's user view.
public protocol SessionCounter: Sendable {
    func sessionCount(of user: UserID) throws -> Int
}
