import Domain
import Foundation
import Testing

@Suite struct SchemaJSONTests {
    @Test func parsingKeepsMemberOrderAndSerialisingIsCanonical() throws {
        let text = #" { "z" : 1, "a" : [true, false, null, -0.5, 2.0, 1e3], "m": {"é": "x\u00e9\n\"\\\/"} } "#
        let value = try JSONValue.parse(text)
        #expect(value.objectMembers?.map(\.0) == ["z", "a", "m"])
        #expect(value.serialized == #"{"z":1,"a":[true,false,null,-0.5,2,1000],"m":{"é":"xé\n\"\\/"}}"#)
        #expect(try JSONValue.parse(value.serialized) == value)
    }

    @Test func serialisingEscapesControlCharactersOnly() {
        let value = JSONValue.string("tab\t bell\u{07} quote\" slash/ emoji😀 nul\u{00}")
        #expect(value.serialized == #""tab\t bell\u0007 quote\" slash/ emoji😀 nul\u0000""#)
    }

    @Test func integersHaveNoFractionAndHugeNumbersUseExponents() {
        #expect(JSONValue.number(42).serialized == "42")
        #expect(JSONValue.number(-7).serialized == "-7")
        #expect(JSONValue.number(0.1).serialized == "0.1")
        #expect(JSONValue.number(1e300).serialized == "1e+300")
        #expect(JSONValue.number(.nan).serialized == "null")
    }

    @Test func surrogatePairEscapesBecomeOneScalar() throws {
        #expect(try JSONValue.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test func bytesWithByteOrderMarkParse() throws {
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(1)]))
    }

    @Test(arguments: [
        ("", "offset 0"), ("{", "expected a member name"), ("[1,]", "expected a value"), ("[1 2]", "',' or ']'"),
        ("{\"a\" 1}", "expected ':'"), ("01", "leading zeros"), ("\"abc", "unterminated string"),
        ("\"a\u{01}\"", "control character"), ("\"\\x\"", "invalid escape"), ("\"\\ud800\"", "surrogate"),
        ("tru", "expected 'true'"), ("1 2", "after the JSON value"), ("1e999", "out of range"),
        ("{\"a\":1,}", "member name"), ("-", "expected a digit"),
    ])
    func invalidJSONIsRefusedWithItsReason(text: String, reason: String) {
        let error = #expect(throws: DomainError.self) { try JSONValue.parse(text) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test func deepNestingIsRefused() {
        let text = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let error = #expect(throws: DomainError.self) { try JSONValue.parse(text) }
        #expect(error?.message.contains("nesting") == true)
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: DomainError.self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func integerViewRequiresAnIntegralNumber() {
        #expect(JSONValue.number(3).intValue == 3)
        #expect(JSONValue.number(3.5).intValue == nil)
        #expect(JSONValue.string("3").intValue == nil)
    }
}

struct JSONValueCodableTests {
    @Test func wholeNumbersAreWrittenExactlyAndEveryShapeReadsBack() throws {
        let value = JSONValue.object([
            ("z", .number(3)), ("a", .array([.number(0.5), .null, .bool(true)])), ("m", .string("é")),
            ("big", .number(9_007_199_254_740_992)),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(text == #"{"a":[0.5,null,true],"big":9007199254740992,"m":"é","z":3}"#)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        for key in ["z", "a", "m", "big"] { #expect(decoded[key] == value[key]) }
    }
}
