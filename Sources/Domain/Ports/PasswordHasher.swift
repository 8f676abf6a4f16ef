public protocol PasswordHasher: Sendable {
    func hash(_ password: Password) throws -> PasswordHash
    /// Constant-time with respect to the stored hash; false for malformed hashes.
    func verify(_ password: Password, against hash: PasswordHash) -> Bool
}
