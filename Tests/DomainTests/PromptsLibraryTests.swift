import Domain
import Testing

@Suite struct PromptsLibraryTests {
    private func file(_ name: String, path: String? = nil) -> (path: String, text: String) {
        let text =
            "---\nname: \(name)\ntier: mini\nversion: 1\nvariables:\nschema: none\n---\n## system\nS\n## user\nU\n"
        return (path ?? "\(name).md", text)
    }

    @Test func templatesAreFoundByName() throws {
        let library = try PromptLibrary.parse(files: [file("b/two"), file("a/one")])
        #expect(library.names == ["a/one", "b/two"])
        #expect(try library.template(named: "a/one").reference == "a/one@1")
        #expect(library["missing"] == nil)
    }

    @Test func aMissingTemplateIsUnavailable() throws {
        let library = try PromptLibrary.parse(files: [file("a/one")])
        let error = #expect(throws: DomainError.self) { try library.template(named: "a/two") }
        #expect(error?.code == .unavailable)
    }

    @Test func nameMustMatchThePath() {
        let error = #expect(throws: DomainError.self) {
            try PromptLibrary.parse(files: [file("a/one", path: "a/uno.md")])
        }
        #expect(error?.message == "a/uno.md: Template: name \"a/one\" must be \"a/uno\".")
    }

    @Test func errorsNameTheFile() {
        let broken = (path: "persona/broken.md", text: "nothing here")
        let error = #expect(throws: DomainError.self) { try PromptLibrary.parse(files: [file("a/one"), broken]) }
        #expect(error?.message.hasPrefix("persona/broken.md: ") == true)
    }

    @Test func duplicateNamesAreRefused() throws {
        let template = try PromptTemplate.parse(text: file("a/one").text)
        #expect(throws: DomainError.self) { try PromptLibrary([template, template]) }
    }
}
