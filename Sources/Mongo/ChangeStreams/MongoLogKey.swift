/// Metadata keys this module logs with (one place, so dashboards and greps agree). Never a document:
/// stored values stay out of the logs, only names, codes and timings.
enum MongoLogKey {
    static let collection = "mongo.collection"
    static let collections = "mongo.collections"
    static let operation = "mongo.operation"
    static let code = "mongo.code"
    static let serverCode = "mongo.server_code"
    static let delay = "delay"
    static let error = "error"
}
