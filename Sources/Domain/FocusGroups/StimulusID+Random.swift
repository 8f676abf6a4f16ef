extension StimulusID {
    /// "st_" and 12 random hex digits (48 bits): unique within a group of at most ten stimuli.
    public static func random() -> StimulusID {
        let value = UInt64.random(in: 0..<(1 << 48))
        let hex = String(value, radix: 16)
        return StimulusID("st_" + String(repeating: "0", count: 12 - hex.count) + hex)
    }

}
