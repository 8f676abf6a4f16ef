/// Export files and their bytes (docs/design.md "Exports").
extension MongoCollectionName {
    static let exports = "exports"
    static let exportChunks = "export_chunks"
}
