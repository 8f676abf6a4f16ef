/// The plan's source of randomness: SplitMix64 and a Fisher–Yates shuffle, written out so that slots stay the
/// same across platforms and Swift versions (the standard library's algorithms may change).
extension SamplingPlan {
    struct Generator {
        private var state: UInt64

        init(seed: UInt64) {
            state = seed
        }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }

        /// A number in `0..<bound` (the modulo bias is negligible for panel-sized bounds).
        mutating func below(_ bound: Int) -> Int {
            Int(next() % UInt64(bound))
        }

        mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
            var result = elements
            for index in stride(from: result.count - 1, to: 0, by: -1) {
                result.swapAt(index, below(index + 1))
            }
            return result
        }
    }
}
