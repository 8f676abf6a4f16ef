/// Rejects secrets that are short or obviously guessable. Not an entropy estimator: it catches
/// placeholders ("changeme…"), repeated characters and words, which is what ends up in real env files.
enum SecretStrength {
    static let minimumBytes = 32
    private static let placeholders = ["changeme", "change_me", "change-me", "example", "placeholder", "replace"]

    /// nil when acceptable, else the reason, phrased to follow the setting name.
    static func weakness(of secret: [UInt8]) -> String? {
        if secret.count < minimumBytes { return "must be at least \(minimumBytes) bytes (got \(secret.count))" }
        if Set(secret).count < 8 { return "is too repetitive (fewer than 8 distinct characters)" }
        let lowered = String(decoding: secret, as: UTF8.self).lowercased()
        if placeholders.contains(where: lowered.contains) { return "looks like a placeholder value" }
        return nil
    }
}
