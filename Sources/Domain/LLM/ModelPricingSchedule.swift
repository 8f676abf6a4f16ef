public import Foundation

/// The entries of one model seen from a moment: the price in force (the greatest `effectiveFrom` not after
/// it; among equal dates the one created last), the later ones waiting, and the earlier ones replaced.
public struct ModelPricingSchedule: Sendable, Equatable {
    public let model: String
    public let current: ModelPricingEntry?
    /// Oldest first: the order they take over.
    public let scheduled: [ModelPricingEntry]
    /// Newest first.
    public let history: [ModelPricingEntry]

    /// `entries` all belong to `model`, in any order.
    public init(model: String, entries: [ModelPricingEntry], at time: Date) {
        let ordered = entries.sorted(by: Self.takesOverEarlier)
        let started = ordered.filter { $0.effectiveFrom <= time }
        self.model = model
        current = started.last
        scheduled = ordered.filter { $0.effectiveFrom > time }
        history = started.dropLast().reversed()
    }

    /// One schedule per model, by model name.
    public static func all(_ entries: [ModelPricingEntry], at time: Date) -> [ModelPricingSchedule] {
        Dictionary(grouping: entries, by: \.model).sorted { $0.key < $1.key }
            .map { ModelPricingSchedule(model: $0.key, entries: $0.value, at: time) }
    }

    /// The order in which entries take over: by `effectiveFrom`, then by creation.
    static func takesOverEarlier(_ lhs: ModelPricingEntry, _ rhs: ModelPricingEntry) -> Bool {
        (lhs.effectiveFrom, lhs.createdAt, lhs.id) < (rhs.effectiveFrom, rhs.createdAt, rhs.id)
    }
}
