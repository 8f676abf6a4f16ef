/// Every prompt template of the product, by name. Built once at startup from the `prompts/` folder (see
/// `PromptDirectory` in the FastCGI executable) and then only read, from any thread.
public struct PromptLibrary: Sendable {
    private let templates: [String: PromptTemplate]

    /// Template names, sorted.
    public var names: [String] { templates.keys.sorted() }

    public init(_ templates: [PromptTemplate]) throws {
        var byName: [String: PromptTemplate] = [:]
        for template in templates {
            guard byName[template.name] == nil else {
                throw DomainError(.invalidInput, "Two templates are named \"\(template.name)\".")
            }
            byName[template.name] = template
        }
        self.templates = byName
    }

    /// Parses template files given as (path relative to the prompts folder, text). A template's name must be
    /// its path without ".md" ("persona/detail.md" is "persona/detail"). Errors name the file.
    public static func parse(files: [(path: String, text: String)]) throws -> PromptLibrary {
        var templates: [PromptTemplate] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            do {
                let template = try PromptTemplate.parse(text: file.text)
                let expected = file.path.hasSuffix(".md") ? String(file.path.dropLast(3)) : file.path
                guard template.name == expected else {
                    throw DomainError(.invalidInput, "Template: name \"\(template.name)\" must be \"\(expected)\".")
                }
                templates.append(template)
            } catch let error as DomainError {
                throw DomainError(.invalidInput, "\(file.path): \(error.message)")
            }
        }
        return try PromptLibrary(templates)
    }

    public subscript(name: String) -> PromptTemplate? {
        templates[name]
    }

    /// The template a feature needs; its absence is a deployment mistake, reported as `unavailable`.
    public func template(named name: String) throws -> PromptTemplate {
        guard let template = templates[name] else {
            throw DomainError.unavailable(detail: "prompt template \(name) is not loaded")
        }
        return template
    }
}
