import Domain
import Foundation

/// Loads the prompt templates from disk at startup: every `*.md` file under the folder, recursively, except
/// `README.md` files. Any unreadable or invalid file throws a `DomainError` naming it, and the caller stops
/// startup (exit 78), so a bad prompt never reaches a request.
enum PromptDirectory {
    static func load(at path: String) throws -> PromptLibrary {
        let root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { throw DomainError(.invalidInput, "Prompt folder \(path) cannot be read.") }
        var files: [(path: String, text: String)] = []
        for case let url as URL in enumerator where url.pathExtension == "md" && url.lastPathComponent != "README.md" {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            do {
                files.append((relative, try String(contentsOf: url, encoding: .utf8)))
            } catch {
                throw DomainError(.invalidInput, "\(relative): cannot be read as UTF-8 text.", detail: "\(error)")
            }
        }
        guard !files.isEmpty else { throw DomainError(.invalidInput, "Prompt folder \(path) has no templates.") }
        return try PromptLibrary.parse(files: files)
    }
}
