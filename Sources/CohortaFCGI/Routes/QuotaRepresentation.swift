import Domain
import Foundation

/// The `quota` object (docs/openapi.yaml `Quota`): the limit, the spend and what is left this UTC month, as
/// exact six-decimal dollar strings, and when the spend starts again from zero.
struct QuotaRepresentation: Encodable {
    let limitUSD: String
    let spentUSD: String
    let remainingUSD: String
    let month: String
    let resetsAt: Date

    init(_ status: QuotaStatus) {
        limitUSD = status.limit.dollars
        spentUSD = status.spent.dollars
        remainingUSD = status.remaining.dollars
        month = status.month.description
        resetsAt = status.resetsAt
    }

    enum CodingKeys: String, CodingKey {
        case month
        case limitUSD = "limit_usd"
        case spentUSD = "spent_usd"
        case remainingUSD = "remaining_usd"
        case resetsAt = "resets_at"
    }
}
