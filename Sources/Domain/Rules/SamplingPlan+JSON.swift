/// A plan as JSON, for task inputs and the API:
/// `{"dimensions":[{"name":"gender","levels":[{"value":"female","weight":48}, …]}, …]}`.
extension SamplingPlan {
    public var json: JSONValue {
        .object([
            (
                "dimensions",
                .array(
                    dimensions.map { dimension in
                        .object([
                            ("name", .string(dimension.name)),
                            (
                                "levels",
                                .array(
                                    dimension.levels.map {
                                        .object([("value", .string($0.value)), ("weight", .number($0.weight))])
                                    })
                            ),
                        ])
                    })
            )
        ])
    }

    public init(json: JSONValue) throws {
        func invalid() -> DomainError {
            .invalid("sampling_plan", "A sampling plan is {dimensions: [{name, levels: [{value, weight}]}]}.")
        }
        guard let dimensions = json["dimensions"]?.arrayValue else { throw invalid() }
        try self.init(
            dimensions: dimensions.map { dimension in
                guard let name = dimension["name"]?.stringValue, let levels = dimension["levels"]?.arrayValue else {
                    throw invalid()
                }
                return Dimension(
                    name,
                    levels: try levels.map { level in
                        guard let value = level["value"]?.stringValue, let weight = level["weight"]?.numberValue else {
                            throw invalid()
                        }
                        return Level(value, weight: weight)
                    })
            })
    }

    /// The plan adjusted by a brief's overrides: each member names a dimension and gives either the levels to
    /// keep (`"age_band": ["25-34", "35-44"]`) or new weights (`"gender": {"female": 1, "male": 1}`).
    public func applying(overrides: JSONValue) throws -> SamplingPlan {
        guard let members = overrides.objectMembers else {
            throw DomainError.invalid("sampling_plan", "Sampling plan overrides must be an object.")
        }
        var plan = self
        for (name, override) in members {
            if let values = override.arrayValue?.compactMap(\.stringValue), values.count == override.arrayValue?.count {
                plan = try plan.restricting(name, to: values)
            } else if let weights = override.objectMembers {
                var byValue: [String: Double] = [:]
                for (value, weight) in weights {
                    guard let number = weight.numberValue else {
                        throw DomainError.invalid("sampling_plan", "The weight of \(name) \(value) must be a number.")
                    }
                    byValue[value] = number
                }
                plan = try plan.overriding(name, weights: byValue)
            } else {
                throw DomainError.invalid(
                    "sampling_plan", "The override of \(name) must be a list of levels or an object of weights.")
            }
        }
        return plan
    }

    /// Slots as a JSON array, each object's members in the plan's dimension order (for prompts and results).
    public func json(slots: [[String: String]]) -> JSONValue {
        .array(
            slots.map { slot in
                .object(
                    dimensions.compactMap { dimension in slot[dimension.name].map { (dimension.name, .string($0)) } })
            })
    }
}
