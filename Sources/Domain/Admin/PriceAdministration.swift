public import Foundation

/// The administrator's Pricing area: every model's current, scheduled and earlier prices, and a new price
/// effective from now or a later time (audited as `set_price`). Prices are never back-dated or edited, so
/// usage already recorded keeps the cost it was charged.
public struct PriceAdministration: Sendable {
    /// A price as the administrator asks for it; nil `effectiveFrom` means now.
    public struct Request: Sendable, Equatable {
        public let model: String
        public let inputPerMillion: MicroUSD
        public let outputPerMillion: MicroUSD
        public let effectiveFrom: Date?

        public init(model: String, inputPerMillion: MicroUSD, outputPerMillion: MicroUSD, effectiveFrom: Date?) {
            self.model = model
            self.inputPerMillion = inputPerMillion
            self.outputPerMillion = outputPerMillion
            self.effectiveFrom = effectiveFrom
        }
    }

    /// $1,000 per million tokens: far above any model's price, low enough to catch a slipped digit.
    public static let maximumPricePerMillion = MicroUSD(1_000_000_000)
    /// How far in the past an effective time may be (clock skew between the admin's browser and us).
    public static let backdatingTolerance: TimeInterval = 60
    public static let maximumModelLength = 100

    private let prices: any ModelPriceBook
    private let audit: any AdminAuditLog
    private let clock: any Clock

    public init(prices: any ModelPriceBook, audit: any AdminAuditLog, clock: any Clock) {
        self.prices = prices
        self.audit = audit
        self.clock = clock
    }

    /// Every priced model, by name (not audited: prices are not about a user).
    public func schedules(by actor: User) throws -> [ModelPricingSchedule] {
        try UserAdministration.requireAdmin(actor)
        return ModelPricingSchedule.all(try prices.entries(), at: clock.now)
    }

    public func add(by actor: User, _ request: Request) throws -> ModelPricingEntry {
        try UserAdministration.requireAdmin(actor)
        let now = clock.now
        try Self.validate(request, now: now)
        let entry = try prices.add(
            NewModelPricingEntry(
                pricing: ModelPricing(
                    model: request.model, inputPerMillion: request.inputPerMillion,
                    outputPerMillion: request.outputPerMillion),
                effectiveFrom: request.effectiveFrom ?? now, createdBy: actor.id, createdAt: now))
        try audit.record(
            NewAdminAuditEntry(
                adminID: actor.id, action: .setPrice, targetUserID: nil,
                details: [
                    "model": entry.model, "input_usd_per_mtok": entry.pricing.inputPerMillion.dollars,
                    "output_usd_per_mtok": entry.pricing.outputPerMillion.dollars,
                    "effective_from": entry.effectiveFrom.formatted(.iso8601),
                ], at: now))
        return entry
    }

    static func validate(_ request: Request, now: Date) throws {
        guard (1...maximumModelLength).contains(request.model.count),
            request.model.unicodeScalars.allSatisfy(Self.isModelCharacter)
        else {
            throw DomainError.invalid(
                "model", "model must be 1 to \(maximumModelLength) characters of letters, digits and . _ : / -")
        }
        for (field, price) in [
            ("input_usd_per_mtok", request.inputPerMillion), ("output_usd_per_mtok", request.outputPerMillion),
        ] where !(MicroUSD.zero...maximumPricePerMillion).contains(price) {
            throw DomainError.invalid(field, "\(field) must be between 0 and 1000 US dollars per million tokens.")
        }
        if let start = request.effectiveFrom, start < now.addingTimeInterval(-backdatingTolerance) {
            throw DomainError.invalid(
                "effective_from", "effective_from cannot be in the past: prices are never back-dated.")
        }
    }

    private static func isModelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", ":", "/", "-": true
        default: false
        }
    }
}
