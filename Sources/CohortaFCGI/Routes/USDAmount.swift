import Domain
import Foundation

/// A dollar amount in a request body: a decimal string (`"3.00"`) or a JSON number (`3`, `0.15`), read
/// exactly by `MicroUSD(dollars:)` (a number through its decimal text, never a `Double`). Negative amounts,
/// exponents past six decimals and anything else are a field error naming the body's key.
struct USDAmount: Decodable {
    let value: MicroUSD

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String? =
            if let string = try? container.decode(String.self) {
                string
            } else if let number = try? container.decode(Decimal.self) {
                number.description
            } else {
                nil
            }
        guard let text, let value = MicroUSD(dollars: text) else {
            let field = decoder.codingPath.map(\.stringValue).joined(separator: ".")
            throw DomainError.invalid(field, "\(field) must be an amount of US dollars such as \"3.00\".")
        }
        self.value = value
    }
}
