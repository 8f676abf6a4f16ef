extension MicroUSD {
    /// Parses a non-negative decimal dollar amount with at most six decimals ("2", "0.10", "1.234567").
    /// Nil for anything else (signs, exponents, separators, more decimals, overflow): money is never a float.
    public init?(dollars text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy(\.isASCIIDigit),
            let units = Int64(whole)
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isASCIIDigit), let value = Int64(digits)
            else { return nil }
            fraction = value * Self.powerOfTen(6 - digits.count)
        }
        self.init(units * 1_000_000 + fraction)
    }

    private static func powerOfTen(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
