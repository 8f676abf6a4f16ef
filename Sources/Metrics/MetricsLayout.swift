/// The byte layout of a segment file (native endianness: segments never leave the host).
///
/// ```
/// header (4096 bytes)
///   0  magic      UInt64   "COHMET01"
///   8  slotCount  UInt32
///  12  kind       UInt32   0 = one process, 1 = a role's retired segment
///  16  pid        Int32    the owner
///  20  retired    UInt32   atomic; 1 once a supervisor folded this segment into its role's retired one
///  24  sequence   UInt64   atomic; odd while the supervisor reaps and folds (retired segments only)
///  32  dropped    UInt64   atomic; samples that found no slot
/// slots (slotCount × 256 bytes)
///   0  state      UInt32   atomic; 0 empty, 1 being claimed, 2 ready (fields below are then immutable)
///   4  family     UInt16
///   6  length     UInt16   label bytes used
///   8  hash       UInt64
///  16  labels     112 bytes, e.g. route="/api/personas/:id",method="GET",status="200"
/// 128  values     16 × UInt64, atomic: counter/gauge in [0]; histogram buckets in [0...n], sum in [15]
/// ```
enum MetricsLayout {
    static let magic: UInt64 = 0x3130_5445_4D48_4F43  // "COHMET01" little-endian
    static let headerSize = 4096
    static let slotSize = 256
    static let defaultSlotCount = 1024
    static let labelCapacity = 112
    static let valueCount = 16
    /// Histogram words: buckets, then +Inf, … and the sum in the last word.
    static let maximumBuckets = valueCount - 2
    static let sumIndex = valueCount - 1

    enum Offset {
        static let slotCount = 8
        static let kind = 12
        static let pid = 16
        static let retired = 20
        static let sequence = 24
        static let dropped = 32
        static let slotState = 0
        static let slotFamily = 4
        static let slotLength = 6
        static let slotHash = 8
        static let slotLabels = 16
        static let slotValues = 128
    }

    enum SlotState: UInt32 {
        case empty = 0
        case claiming = 1
        case ready = 2
    }

    static func fileSize(slots: Int) -> Int { headerSize + slots * slotSize }
}
