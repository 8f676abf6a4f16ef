internal import Domain

/// The store boundary: database errors become `DomainError`s here and nowhere else.
/// Unreachable database → `.unavailable`; a duplicate key → `.conflict` with the caller's message;
/// anything else (a rejected command, corrupt stored data) propagates and becomes a 500.
enum MongoStoreErrors {
    @discardableResult
    static func mapping<R>(conflict: String = "This already exists.", _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as MongoError where error.code.isUnreachable {
            throw DomainError.databaseUnreachable(detail: error.debugDescription)
        } catch let error as MongoError where error.code == .duplicateKey {
            throw DomainError(.conflict, conflict, detail: error.debugDescription)
        }
    }
}
