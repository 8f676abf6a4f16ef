import Glibc
import Synchronization

/// A fixed-size table of series in a shared file mapping (layout: `MetricsLayout`). Writers are the
/// owning process's threads (or a supervisor, for a retired segment); readers are the `/metrics`
/// handlers of other processes. Everything shared is read and written with atomics: a series is found by
/// hashing its family and labels into an open-addressing table, claimed once with a compare-exchange,
/// and updated with `wrappingAdd`. No locks, no system calls after creation.
public final class MetricsSegment: Sendable {
    private let file: MappedFile
    let slotCount: Int

    /// A new, zeroed segment at `path` owned by `pid` (the file is replaced if it exists).
    init(creating path: String, pid: Int32, retiredKind: Bool, slots: Int = MetricsLayout.defaultSlotCount)
        throws(MetricsError)
    {
        file = try MappedFile.create(path: path, size: MetricsLayout.fileSize(slots: slots))
        slotCount = slots
        file.base.storeBytes(of: UInt32(slots), toByteOffset: MetricsLayout.Offset.slotCount, as: UInt32.self)
        file.base.storeBytes(of: retiredKind ? 1 : 0, toByteOffset: MetricsLayout.Offset.kind, as: UInt32.self)
        file.base.storeBytes(of: pid, toByteOffset: MetricsLayout.Offset.pid, as: Int32.self)
        // The magic last: a reader that sees it sees a complete header.
        atomic64(0).pointee.store(MetricsLayout.magic, ordering: .releasing)
    }

    /// An existing segment; nil when the file is gone, foreign or truncated.
    init?(opening path: String, writable: Bool) {
        guard let mapped = MappedFile.open(path: path, writable: writable) else { return nil }
        file = mapped
        let slots = Int(mapped.base.load(fromByteOffset: MetricsLayout.Offset.slotCount, as: UInt32.self))
        slotCount = slots
        guard atomic64(0).pointee.load(ordering: .acquiring) == MetricsLayout.magic,
            mapped.size >= MetricsLayout.fileSize(slots: slots)
        else { return nil }
    }

    // MARK: header

    public var pid: Int32 { file.base.load(fromByteOffset: MetricsLayout.Offset.pid, as: Int32.self) }
    var isRetiredKind: Bool { file.base.load(fromByteOffset: MetricsLayout.Offset.kind, as: UInt32.self) == 1 }
    var isFolded: Bool { atomic32(MetricsLayout.Offset.retired).pointee.load(ordering: .acquiring) == 1 }
    func markFolded() { atomic32(MetricsLayout.Offset.retired).pointee.store(1, ordering: .releasing) }
    var sequence: UInt64 { atomic64(MetricsLayout.Offset.sequence).pointee.load(ordering: .acquiring) }
    func bumpSequence() {
        atomic64(MetricsLayout.Offset.sequence).pointee.wrappingAdd(1, ordering: .sequentiallyConsistent)
    }
    var dropped: UInt64 { atomic64(MetricsLayout.Offset.dropped).pointee.load(ordering: .relaxed) }

    // MARK: writing (the hot path)

    /// Adds `amount` to a counter (or a gauge, as a two's-complement Int64) for `labels`.
    public func add(_ family: MetricFamily, _ amount: Int64 = 1, labels: (inout LabelWriter) -> Void = { _ in }) {
        guard let slot = slot(family, labels) else { return }
        value(slot, 0).pointee.wrappingAdd(UInt64(bitPattern: amount), ordering: .relaxed)
    }

    /// Records one observation (in the family's exported unit, e.g. seconds) in a histogram.
    public func observe(_ family: MetricFamily, _ observed: Double, labels: (inout LabelWriter) -> Void = { _ in }) {
        guard let slot = slot(family, labels) else { return }
        let bucket = family.buckets.firstIndex { observed <= $0 } ?? family.buckets.count
        value(slot, bucket).pointee.wrappingAdd(1, ordering: .relaxed)
        let scaled = (max(0, observed) * family.scale).rounded()
        value(slot, MetricsLayout.sumIndex).pointee.wrappingAdd(
            scaled < 1.8e19 ? UInt64(scaled) : 0, ordering: .relaxed)
    }

    /// The slot of `family` + labels, claimed on first use; nil (and counted as dropped) when the labels are too
    /// long or the table is full.
    private func slot(_ family: MetricFamily, _ labels: (inout LabelWriter) -> Void) -> Int? {
        withUnsafeTemporaryAllocation(byteCount: MetricsLayout.labelCapacity, alignment: 8) { buffer in
            var writer = LabelWriter(buffer)
            labels(&writer)
            guard !writer.overflowed else { return dropSample() }
            return findOrClaim(family: family.id, labels: writer.bytes) ?? dropSample()
        }
    }

    private func dropSample() -> Int? {
        atomic64(MetricsLayout.Offset.dropped).pointee.wrappingAdd(1, ordering: .relaxed)
        return nil
    }

    /// Linear probing from the key's hash. A slot's key fields are written before its state turns ready
    /// (release) and read after seeing it ready (acquire); a slot being claimed by another thread is
    /// waited for (a few stores).
    func findOrClaim(family: UInt16, labels: UnsafeRawBufferPointer) -> Int? {
        let hash = Self.hash(family: family, labels: labels)
        var index = Int(hash % UInt64(slotCount))
        for _ in 0..<slotCount {
            let state = slotState(index)
            var current = state.pointee.load(ordering: .acquiring)
            if current == MetricsLayout.SlotState.empty.rawValue {
                let claimed = state.pointee.compareExchange(
                    expected: current, desired: MetricsLayout.SlotState.claiming.rawValue, ordering: .acquiring)
                if claimed.exchanged {
                    writeKey(index, family: family, hash: hash, labels: labels)
                    state.pointee.store(MetricsLayout.SlotState.ready.rawValue, ordering: .releasing)
                    return index
                }
                current = claimed.original
            }
            while current == MetricsLayout.SlotState.claiming.rawValue {
                sched_yield()
                current = state.pointee.load(ordering: .acquiring)
            }
            if current == MetricsLayout.SlotState.ready.rawValue, keyMatches(index, family, hash, labels) {
                return index
            }
            index = (index + 1) % slotCount
        }
        return nil
    }

    private func writeKey(_ index: Int, family: UInt16, hash: UInt64, labels: UnsafeRawBufferPointer) {
        let slot = slotBase(index)
        slot.storeBytes(of: family, toByteOffset: MetricsLayout.Offset.slotFamily, as: UInt16.self)
        slot.storeBytes(of: UInt16(labels.count), toByteOffset: MetricsLayout.Offset.slotLength, as: UInt16.self)
        slot.storeBytes(of: hash, toByteOffset: MetricsLayout.Offset.slotHash, as: UInt64.self)
        if let source = labels.baseAddress {
            (slot + MetricsLayout.Offset.slotLabels).copyMemory(from: source, byteCount: labels.count)
        }
    }

    private func keyMatches(_ index: Int, _ family: UInt16, _ hash: UInt64, _ labels: UnsafeRawBufferPointer) -> Bool {
        let slot = slotBase(index)
        guard slot.load(fromByteOffset: MetricsLayout.Offset.slotHash, as: UInt64.self) == hash,
            slot.load(fromByteOffset: MetricsLayout.Offset.slotFamily, as: UInt16.self) == family
        else { return false }
        let stored = storedLabels(slot)
        return stored.count == labels.count && stored.elementsEqual(labels)
    }

    // MARK: reading

    /// One ready series as stored: its family, labels and raw value words.
    struct Series {
        let family: UInt16
        let labels: String
        let values: [UInt64]
    }

    /// Every ready series, read with atomic loads (values of one series are not a snapshot: a histogram
    /// read mid-update may miss the newest observation's sum; the next scrape has it).
    func series() -> [Series] {
        var result: [Series] = []
        for index in 0..<slotCount
        where slotState(index).pointee.load(ordering: .acquiring) == MetricsLayout.SlotState.ready.rawValue {
            let slot = slotBase(index)
            let family = slot.load(fromByteOffset: MetricsLayout.Offset.slotFamily, as: UInt16.self)
            let labels = String(decoding: storedLabels(slot), as: UTF8.self)
            let values = (0..<MetricsLayout.valueCount).map { value(index, $0).pointee.load(ordering: .relaxed) }
            result.append(Series(family: family, labels: labels, values: values))
        }
        return result
    }

    /// Adds `values` to the series `family` + `labels` (folding a dead process into a retired segment).
    func fold(family: UInt16, labels: String, values: [UInt64]) {
        var labelBytes = Array(labels.utf8)
        let found = labelBytes.withUnsafeMutableBytes {
            findOrClaim(family: family, labels: UnsafeRawBufferPointer($0))
        }
        guard let index = found else {
            _ = dropSample()
            return
        }
        for (word, amount) in values.enumerated() where amount != 0 {
            value(index, word).pointee.wrappingAdd(amount, ordering: .relaxed)
        }
    }

    // MARK: raw access

    private func slotBase(_ index: Int) -> UnsafeMutableRawPointer {
        file.base + MetricsLayout.headerSize + index * MetricsLayout.slotSize
    }

    private func storedLabels(_ slot: UnsafeMutableRawPointer) -> UnsafeRawBufferPointer {
        let length = Int(slot.load(fromByteOffset: MetricsLayout.Offset.slotLength, as: UInt16.self))
        return UnsafeRawBufferPointer(
            start: slot + MetricsLayout.Offset.slotLabels, count: min(length, MetricsLayout.labelCapacity))
    }

    private func slotState(_ index: Int) -> UnsafeMutablePointer<Atomic<UInt32>> {
        (slotBase(index) + MetricsLayout.Offset.slotState).assumingMemoryBound(to: Atomic<UInt32>.self)
    }

    private func value(_ index: Int, _ word: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
        (slotBase(index) + MetricsLayout.Offset.slotValues + word * 8).assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    private func atomic64(_ offset: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
        (file.base + offset).assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    private func atomic32(_ offset: Int) -> UnsafeMutablePointer<Atomic<UInt32>> {
        (file.base + offset).assumingMemoryBound(to: Atomic<UInt32>.self)
    }

    /// FNV-1a over the family id and the label bytes.
    static func hash(family: UInt16, labels: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        hash = (hash ^ UInt64(family & 0xFF)) &* prime
        hash = (hash ^ UInt64(family >> 8)) &* prime
        for byte in labels { hash = (hash ^ UInt64(byte)) &* prime }
        return hash
    }
}
