import Foundation

/// How diverse a panel is, 0–100, shown next to every generated panel.
///
/// Half of the score is **coverage**: for each dimension of the plan, the share of its levels the panel
/// covers out of what its size allows (a 3-person panel covering 3 of 6 age bands covers all it can). The
/// other half is the **mean pairwise distance** between members: the share of categorical attributes on
/// which two members differ, averaged with the token Jaccard distance of their bios when both have one.
/// A panel of clones scores low on both; a panel following a sampling plan with distinct bios scores high.
public struct DiversityScore: Sendable, Hashable {
    /// A persona as the score sees it: categorical attributes (the plan's dimensions, and others such as
    /// occupation or location when known) and, optionally, free text such as the bio.
    public struct Member: Sendable, Hashable {
        public let attributes: [String: String]
        public let bio: String?

        public init(attributes: [String: String], bio: String? = nil) {
            self.attributes = attributes
            self.bio = bio
        }
    }

    /// Two members, by index in the panel, `first < second`.
    public struct Pair: Sendable, Hashable {
        public let first: Int
        public let second: Int

        public init(_ first: Int, _ second: Int) {
            self.first = first
            self.second = second
        }
    }

    /// 0–100.
    public let value: Int
    /// 0–1: mean over the plan's dimensions of levels covered / levels the panel size allows.
    public let coverage: Double
    /// 0–1: mean distance over all pairs of members (1 for a panel of fewer than two).
    public let meanDistance: Double
    private let members: [Member]
    private let tokens: [Set<String>?]

    public init(panel: [Member], plan: SamplingPlan) {
        members = panel
        tokens = panel.map { $0.bio.map(Self.tokens) }
        coverage = Self.coverage(of: panel, plan: plan)
        var total = 0.0
        var pairs = 0
        for first in panel.indices {
            for second in panel.indices where second > first {
                total += Self.distance(panel[first], panel[second], tokens[first], tokens[second])
                pairs += 1
            }
        }
        meanDistance = pairs == 0 ? 1 : total / Double(pairs)
        value = panel.isEmpty ? 0 : Int((50 * coverage + 50 * meanDistance).rounded())
    }

    /// Pairs of near-duplicate members: the same value for every categorical attribute and bios whose token
    /// Jaccard similarity is at least `threshold` (two members without bios in the same slot also count).
    /// Callers regenerate the `second` member of each pair.
    public func nearDuplicates(threshold: Double = 0.6) -> [Pair] {
        var pairs: [Pair] = []
        for first in members.indices {
            for second in members.indices where second > first {
                guard Self.normalised(members[first].attributes) == Self.normalised(members[second].attributes) else {
                    continue
                }
                switch (tokens[first], tokens[second]) {
                case (let a?, let b?) where Self.jaccard(a, b) < threshold: continue
                case (nil, _?), (_?, nil): continue
                default: pairs.append(Pair(first, second))
                }
            }
        }
        return pairs
    }

    private static func coverage(of panel: [Member], plan: SamplingPlan) -> Double {
        guard !panel.isEmpty else { return 0 }
        let shares = plan.dimensions.map { dimension in
            let known = Set(dimension.levels.map { $0.value.lowercased() })
            let covered = Set(panel.compactMap { $0.attributes[dimension.name]?.lowercased() }).intersection(known)
            return Double(covered.count) / Double(min(known.count, panel.count))
        }
        return shares.reduce(0, +) / Double(max(shares.count, 1))
    }

    private static func distance(_ a: Member, _ b: Member, _ aTokens: Set<String>?, _ bTokens: Set<String>?) -> Double {
        let (left, right) = (normalised(a.attributes), normalised(b.attributes))
        let keys = Set(left.keys).union(right.keys)
        let mismatch = keys.isEmpty ? 0 : Double(keys.filter { left[$0] != right[$0] }.count) / Double(keys.count)
        guard let aTokens, let bTokens else { return mismatch }
        return (mismatch + 1 - jaccard(aTokens, bTokens)) / 2
    }

    private static func normalised(_ attributes: [String: String]) -> [String: String] {
        attributes.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
    }

    /// |A ∩ B| / |A ∪ B|; two empty texts are identical.
    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }

    /// Lowercased words of three letters or more, without the commonest English function words, which
    /// every bio shares and which would make all bios look alike.
    static func tokens(_ text: String) -> Set<String> {
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return Set(words.filter { $0.count >= 3 && !stopWords.contains($0) })
    }

    private static let stopWords: Set<String> = [
        "the", "and", "for", "with", "who", "that", "this", "are", "was", "has", "have", "her", "his", "she",
        "him", "they", "them", "their", "from", "but", "not", "you", "your", "our", "its", "into", "about",
        "than", "then", "when", "what", "which", "will", "would", "can", "been", "also", "more", "most",
    ]
}
