/// Turning a plan into panel slots.
extension SamplingPlan {
    /// `count` attribute maps (dimension name → level). For every dimension the number of slots per level is
    /// its largest-remainder quota of `count` by weight. Dimensions are assigned one after another, slots in a
    /// shuffled order; each slot takes, among the levels with quota left, one that does not repeat another
    /// slot's combination so far and, among those, the level seen least often alongside the slot's earlier
    /// attributes, so pairs of levels spread evenly instead of clustering. A final pass swaps values between slots
    /// to separate any combination that still repeats (unavoidable only when the plan has fewer combinations). The same plan, count and seed give the same slots.
    public func slots(count: Int, seed: UInt64) -> [[String: String]] {
        guard count > 0 else { return [] }
        var generator = Generator(seed: seed)
        var slots = Array(repeating: [String: String](), count: count)
        var earlier: [String] = []
        for dimension in dimensions {
            var remaining = dimension.quotas(count: count, using: &generator)
            var preference = Array(repeating: 0, count: dimension.levels.count)
            for (rank, level) in generator.shuffled(Array(dimension.levels.indices)).enumerated() {
                preference[level] = rank
            }
            var together: [PairKey: Int] = [:]
            var combinations: [[String]: Int] = [:]
            for slot in generator.shuffled(Array(0..<count)) {
                let prefix = earlier.map { slots[slot][$0] ?? "" }
                func repeats(_ level: Int) -> Int { combinations[prefix + [dimension.levels[level].value], default: 0] }
                func cooccurrences(_ level: Int) -> Int {
                    earlier.reduce(0) { sum, name in
                        sum
                            + together[
                                PairKey(dimension: name, value: slots[slot][name] ?? "", level: level), default: 0]
                    }
                }
                let candidates = dimension.levels.indices.filter { remaining[$0] > 0 }
                guard
                    let chosen = candidates.min(by: { a, b in
                        (repeats(a), cooccurrences(a), -remaining[a], preference[a])
                            < (repeats(b), cooccurrences(b), -remaining[b], preference[b])
                    })
                else { preconditionFailure("quotas sum to count") }
                remaining[chosen] -= 1
                combinations[prefix + [dimension.levels[chosen].value], default: 0] += 1
                slots[slot][dimension.name] = dimension.levels[chosen].value
                for name in earlier {
                    together[PairKey(dimension: name, value: slots[slot][name] ?? "", level: chosen), default: 0] += 1
                }
            }
            earlier.append(dimension.name)
        }
        return separatingRepeats(slots)
    }

    /// The greedy pass can be forced into a repeated combination at its last slots; swapping one dimension's
    /// values between a repeated slot and another slot keeps every quota and usually separates them.
    private func separatingRepeats(_ slots: [[String: String]]) -> [[String: String]] {
        var slots = slots
        for index in slots.indices where slots[..<index].contains(slots[index]) {
            search: for dimension in dimensions.reversed() {
                for other in slots.indices where slots[other][dimension.name] != slots[index][dimension.name] {
                    var candidate = slots
                    candidate[index][dimension.name] = slots[other][dimension.name]
                    candidate[other][dimension.name] = slots[index][dimension.name]
                    if Set(candidate).count > Set(slots).count {
                        slots = candidate
                        break search
                    }
                }
            }
        }
        return slots
    }

    /// An earlier dimension's value seen together with a level of the dimension being assigned.
    private struct PairKey: Hashable {
        let dimension: String
        let value: String
        let level: Int
    }
}

extension SamplingPlan.Dimension {
    /// Slots per level (aligned with `levels`) summing to `count`: floor of each exact share, then one more
    /// for the largest remainders; equal remainders are ordered by `generator`, so no level is always favoured.
    func quotas(count: Int, using generator: inout SamplingPlan.Generator) -> [Int] {
        let total = levels.reduce(0) { $0 + $1.weight }
        let exact = levels.map { Double(count) * $0.weight / total }
        var quotas = exact.map { Int($0.rounded(.down)) }
        let tieBreak = generator.shuffled(Array(levels.indices))
        let byRemainder = levels.indices.sorted { a, b in
            let (ra, rb) = (exact[a] - Double(quotas[a]), exact[b] - Double(quotas[b]))
            if abs(ra - rb) > 1e-9 { return ra > rb }
            return tieBreak.firstIndex(of: a) ?? 0 < tieBreak.firstIndex(of: b) ?? 0
        }
        for index in byRemainder.prefix(count - quotas.reduce(0, +)) { quotas[index] += 1 }
        return quotas
    }
}
