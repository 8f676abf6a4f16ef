internal import BSON
internal import Domain
internal import Foundation

/// A `model_prices` document: `{_id, model, input_micro_usd_per_mtok, output_micro_usd_per_mtok,
/// effective_from, created_by, created_at}`. `_id` is a string: an ObjectId's hex for an administrator's
/// entry, `seed:<model>` for a seeded simulator price (so seeding twice inserts once). Inserted whole and
/// never updated; the dates are still read leniently (nx-27017's text form) like every stored date.
struct ModelPriceDocument: Codable {
    var id: String
    var model: String
    var inputMicroUSDPerMillion: Int64
    var outputMicroUSDPerMillion: Int64
    var effectiveFrom: NXStoredDate.Field
    var createdBy: String?
    var createdAt: NXStoredDate.Field

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case model
        case inputMicroUSDPerMillion = "input_micro_usd_per_mtok"
        case outputMicroUSDPerMillion = "output_micro_usd_per_mtok"
        case effectiveFrom = "effective_from"
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    init(id: String, _ entry: NewModelPricingEntry) {
        self.id = id
        model = entry.pricing.model
        inputMicroUSDPerMillion = entry.pricing.inputPerMillion.value
        outputMicroUSDPerMillion = entry.pricing.outputPerMillion.value
        effectiveFrom = NXStoredDate.Field(entry.effectiveFrom.millisecondPrecision)
        createdBy = entry.createdBy?.rawValue
        createdAt = NXStoredDate.Field(entry.createdAt.millisecondPrecision)
    }

    var pricing: ModelPricing {
        ModelPricing(
            model: model, inputPerMillion: MicroUSD(inputMicroUSDPerMillion),
            outputPerMillion: MicroUSD(outputMicroUSDPerMillion))
    }

    var entry: ModelPricingEntry {
        ModelPricingEntry(
            id: id, pricing: pricing, effectiveFrom: effectiveFrom.date, createdBy: createdBy.map(UserID.init),
            createdAt: createdAt.date)
    }
}
