/// The release version reported by /api/version and the CLI.
enum CohortaVersion {
    static let current = "0.1.0"
}
