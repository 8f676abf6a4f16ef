import Domain
import Foundation
import HTTPCore

/// libFuzzer entry: arbitrary bytes through every JSON reader the API uses — `JSONValue.parse` (LLM answers,
/// webhook and task payloads), the Codable path (`JSONValue` inside stored documents), `HTTPRequest.decode`
/// (every route's body) and `LLMAnswerCheck` (parse + schema validation). A crash or a broken property is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    checkParser(bytes)
    checkCodable(bytes)
    checkRequestBody(bytes)
    checkAnswer(bytes)
    return 0
}

/// Parsing either fails with `invalid_input` or gives a value whose canonical text parses back to itself.
private func checkParser(_ bytes: [UInt8]) {
    let value: JSONValue
    do {
        value = try JSONValue.parse(bytes)
    } catch let error as DomainError {
        guard error.code == .invalidInput else { fatalError("JSONValue.parse threw \(error.code)") }
        return
    } catch {
        fatalError("JSONValue.parse threw a non-domain error: \(error)")
    }
    let text = value.serialized
    guard let again = try? JSONValue.parse(text) else { fatalError("serialized JSON does not parse: \(text)") }
    guard again == value, again.serialized == text else { fatalError("JSON round trip changed the value: \(text)") }
}

/// Foundation's decoder reading a `JSONValue` (the shape stored documents carry) throws, never traps.
private func checkCodable(_ bytes: [UInt8]) {
    _ = try? JSONCoding.decoder().decode(JSONValue.self, from: Data(bytes))
}

/// A route body: any failure is a client error (400), never a 5xx or a trap.
private func checkRequestBody(_ bytes: [UInt8]) {
    let request = HTTPRequest(
        method: .post, path: "/api/fuzz", headers: ["Content-Type": "application/json; charset=utf-8"], body: bytes)
    do {
        _ = try request.decode(RouteBody.self)
    } catch let error as HTTPError {
        guard error.errorCode.status == .badRequest else { fatalError("decode answered \(error.errorCode)") }
    } catch {
        fatalError("decode threw a non-HTTP error: \(error)")
    }
}

/// The repair loop's check: parse plus schema validation of untrusted model output.
private func checkAnswer(_ bytes: [UInt8]) {
    let content = String(decoding: bytes, as: UTF8.self)
    if case .rejected(let reasons) = LLMAnswerCheck(content: content, schema: answerSchema) {
        _ = LLMAnswerCheck.repairMessage(for: reasons, expectingJSON: true)
    }
}

/// The field kinds the routes' bodies use (their types are private to the executable): strings, whole
/// numbers, flags, dates, lists, nested objects, free JSON.
private struct RouteBody: Decodable {
    struct Item: Decodable {
        let name: String
        let count: JSONInteger?
    }

    let name: String
    let description: String?
    let quantity: JSONInteger?
    let amount: Double?
    let enabled: Bool?
    let startsAt: Date?
    let ids: [String]?
    let items: [Item]?
    let guide: JSONValue?
    let labels: [String: String]?

    enum CodingKeys: String, CodingKey {
        case name, description, quantity, amount, enabled, ids, items, guide, labels
        case startsAt = "starts_at"
    }
}

private let answerSchema: JSONValue = .object([
    ("type", .string("object")),
    ("required", .array([.string("title"), .string("items")])),
    ("additionalProperties", .bool(false)),
    (
        "properties",
        .object([
            ("title", .object([("type", .string("string")), ("minLength", .number(1)), ("maxLength", .number(80))])),
            ("score", .object([("type", .array([.string("number"), .string("null")])), ("minimum", .number(0))])),
            ("kind", .object([("enum", .array([.string("a"), .string("b"), .number(3)]))])),
            (
                "items",
                .object([
                    ("type", .string("array")), ("minItems", .number(1)), ("maxItems", .number(5)),
                    ("items", .object([("type", .string("integer")), ("maximum", .number(100))])),
                ])
            ),
        ])
    ),
])
