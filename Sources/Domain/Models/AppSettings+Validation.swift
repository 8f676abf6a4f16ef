extension AppSettings {
    /// The bounds an administrator's settings must keep (errors name the API field at fault).
    public enum Limits {
        public static let credits = Int64(0)...1_000_000
        public static let monthlyQuota = MicroUSD.zero...MicroUSD(100_000_000_000)
        public static let packCount = 1...12
        public static let packIDLength = 1...40
        public static let packNameLength = 1...60
        /// Stripe's minimum charge is 50 cents.
        public static let packPriceCents = Int64(50)...1_000_000
        public static let packCredits = Int64(1)...1_000_000
    }

    /// Throws `.invalidInput` with the first field out of bounds (`credit_packs[1].price_cents`, …).
    public func validate() throws {
        for (field, value) in [
            ("trial_credits", trialCredits), ("persona_creation_cost", personaCreationCost),
            ("focus_group_run_cost", focusGroupRunCost),
        ] where !Limits.credits.contains(value.value) {
            throw DomainError.invalid(field, "\(field) must be a whole number from 0 to 1000000.")
        }
        guard Limits.monthlyQuota.contains(monthlyUSDQuota) else {
            throw DomainError.invalid("monthly_quota_usd", "monthly_quota_usd must be from 0.00 to 100000.00.")
        }
        guard Limits.packCount.contains(creditPacks.count) else {
            throw DomainError.invalid("credit_packs", "credit_packs must hold 1 to 12 packs.")
        }
        var ids: Set<String> = []
        for (index, pack) in creditPacks.enumerated() {
            try pack.validate(field: "credit_packs[\(index)]")
            guard ids.insert(pack.id).inserted else {
                throw DomainError.invalid("credit_packs[\(index)].id", "Each pack needs its own id.")
            }
        }
        guard !packsOnSale.isEmpty else {
            throw DomainError.invalid("credit_packs", "At least one pack must be active.")
        }
    }
}

extension CreditPack {
    fileprivate func validate(field: String) throws {
        guard AppSettings.Limits.packIDLength.contains(id.count), id.unicodeScalars.allSatisfy(Self.isIDCharacter)
        else {
            throw DomainError.invalid("\(field).id", "\(field).id must be 1 to 40 of a-z, 0-9 and -.")
        }
        guard AppSettings.Limits.packNameLength.contains(name.count) else {
            throw DomainError.invalid("\(field).name", "\(field).name must be 1 to 60 characters.")
        }
        guard AppSettings.Limits.packPriceCents.contains(priceCents) else {
            throw DomainError.invalid("\(field).price_cents", "\(field).price_cents must be from 50 to 1000000.")
        }
        guard AppSettings.Limits.packCredits.contains(credits.value) else {
            throw DomainError.invalid("\(field).credits", "\(field).credits must be from 1 to 1000000.")
        }
    }

    private static func isIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "0"..."9", "-": true
        default: false
        }
    }
}
