/// The administrators' audit log (docs/design.md "Admin").
extension MongoCollectionName {
    static let adminAudit = "admin_audit"
}
