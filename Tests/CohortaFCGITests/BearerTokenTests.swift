import Testing

@testable import CohortaFCGI

@Suite struct BearerTokenTests {
    @Test(arguments: [
        ("Bearer abc.def.ghi", "abc.def.ghi"),
        ("bearer abc", "abc"),
        ("BEARER  abc \t", "abc"),
        ("Bearer \u{00A0}abc\u{2003}", "abc"),  // Unicode space separators, as CharacterSet.whitespaces
        ("Bearer \t ", ""),
    ])
    func theTokenIsTheSecondWordWithoutSurroundingSpaces(header: String, token: String) {
        #expect(AppContainer.bearerToken(header) == token)
    }

    @Test(arguments: [nil, "", "Bearer", "Basic abc", "Bearerabc", "Token abc"])
    func anythingButABearerHeaderHasNoToken(header: String?) {
        #expect(AppContainer.bearerToken(header) == nil)
    }

    @Test func lineBreaksAreNotTrimmed() {
        // CharacterSet.whitespaces excludes newlines; the token keeps them and then fails verification.
        #expect(AppContainer.bearerToken("Bearer abc\n") == "abc\n")
    }
}
