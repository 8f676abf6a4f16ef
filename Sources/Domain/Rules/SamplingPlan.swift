/// How a generated panel is spread over explicit dimensions (age band, gender, income band, attitude …), so
/// that diversity is designed in rather than hoped for. Each dimension has weighted levels; `slots` turns
/// the plan into N attribute maps whose per-dimension counts follow the weights (largest-remainder quotas)
/// and whose combinations are spread out, deterministically for a given seed.
public struct SamplingPlan: Sendable, Hashable {
    public struct Level: Sendable, Hashable {
        public let value: String
        /// Relative, positive; only the ratios between a dimension's levels matter.
        public let weight: Double

        public init(_ value: String, weight: Double) {
            self.value = value
            self.weight = weight
        }
    }

    public struct Dimension: Sendable, Hashable {
        public let name: String
        public let levels: [Level]

        public init(_ name: String, levels: [Level]) {
            self.name = name
            self.levels = levels
        }
    }

    public let dimensions: [Dimension]

    /// Throws `DomainError(.invalidInput)` (field "sampling_plan") for an empty plan, a dimension without
    /// levels, a repeated name or value, or a weight that is not a positive number.
    public init(dimensions: [Dimension]) throws {
        func invalid(_ message: String) -> DomainError { .invalid("sampling_plan", message) }
        guard !dimensions.isEmpty else { throw invalid("A sampling plan needs at least one dimension.") }
        guard Set(dimensions.map(\.name)).count == dimensions.count else {
            throw invalid("Each dimension of a sampling plan must have its own name.")
        }
        for dimension in dimensions {
            guard !dimension.name.isEmpty, !dimension.levels.isEmpty else {
                throw invalid("Each dimension needs a name and at least one level.")
            }
            guard Set(dimension.levels.map(\.value)).count == dimension.levels.count else {
                throw invalid("The levels of \(dimension.name) must be distinct.")
            }
            guard dimension.levels.allSatisfy({ $0.weight.isFinite && $0.weight > 0 }) else {
                throw invalid("The weights of \(dimension.name) must be positive numbers.")
            }
        }
        self.dimensions = dimensions
    }

    /// The default plan: adult age bands, gender (non-binary with a small weight), four income bands and four
    /// attitudes to the product, so every panel has believers, doubters and everything between.
    public static let standard: SamplingPlan = {
        func dimension(_ name: String, _ levels: KeyValuePairs<String, Double>) -> Dimension {
            Dimension(name, levels: levels.map { Level($0.key, weight: $0.value) })
        }
        let dimensions = [
            dimension("age_band", ["18-24": 12, "25-34": 18, "35-44": 17, "45-54": 16, "55-64": 16, "65+": 21]),
            dimension("gender", ["female": 48, "male": 48, "non-binary": 4]),
            dimension("income_band", ["low": 1, "lower-middle": 1, "upper-middle": 1, "high": 1]),
            dimension("attitude", ["enthusiast": 2, "pragmatist": 3, "sceptic": 3, "reluctant": 2]),
        ]
        guard let plan = try? SamplingPlan(dimensions: dimensions) else { preconditionFailure("standard plan") }
        return plan
    }()

    public func dimension(named name: String) -> Dimension? {
        dimensions.first { $0.name == name }
    }

    /// The standard plan's age band for an age in years ("25-34", "65+"), nil under 18.
    public static func ageBand(forAge age: Int) -> String? {
        switch age {
        case ..<18: nil
        case 18...24: "18-24"
        case 25...34: "25-34"
        case 35...44: "35-44"
        case 45...54: "45-54"
        case 55...64: "55-64"
        default: "65+"
        }
    }

    /// The plan keeping only `values` of `dimension`, with their original relative weights ("only 25-44").
    public func restricting(_ dimension: String, to values: [String]) throws -> SamplingPlan {
        let existing = try levels(of: dimension, values)
        return try overriding(
            dimension, weights: Dictionary(uniqueKeysWithValues: existing.map { ($0.value, $0.weight) }))
    }

    /// The plan with `dimension`'s levels reduced to the keys of `weights`, weighted by them.
    public func overriding(_ dimension: String, weights: [String: Double]) throws -> SamplingPlan {
        let kept = try levels(of: dimension, Array(weights.keys)).map {
            Level($0.value, weight: weights[$0.value] ?? 0)
        }
        return try SamplingPlan(
            dimensions: dimensions.map { $0.name == dimension ? Dimension($0.name, levels: kept) : $0 })
    }

    /// The levels of `dimension` named by `values`, in the plan's order; unknown names throw.
    private func levels(of name: String, _ values: [String]) throws -> [Level] {
        guard let dimension = dimension(named: name) else {
            throw DomainError.invalid("sampling_plan", "The sampling plan has no dimension \"\(name)\".")
        }
        for value in values where !dimension.levels.contains(where: { $0.value == value }) {
            let known = dimension.levels.map(\.value).joined(separator: ", ")
            throw DomainError.invalid("sampling_plan", "\"\(value)\" is not a level of \(name) (\(known)).")
        }
        guard !values.isEmpty else {
            throw DomainError.invalid("sampling_plan", "Keep at least one level of \(name).")
        }
        return dimension.levels.filter { values.contains($0.value) }
    }
}
