import BSON
import Foundation
import Testing

/// Datetimes at the ends of BSON's Int64 range (found by Fuzz/BSON): they read into a `Date` whose
/// milliseconds round past Int64, and writing such a document back must clamp, not trap.
struct BSONDateRangeTests {
    @Test(arguments: [Int64.max, Int64.min])
    func extremeDatetimesWriteBackClamped(milliseconds: Int64) throws {
        let stored = try BSONDocument(bytes: document(datetime: milliseconds))
        let rewritten = BSONDocument(try stored.elements.map { ($0.key, $0.value) })
        #expect(rewritten.bytes == stored.bytes)
    }

    /// `{"d": <datetime>}` as raw BSON.
    private func document(datetime: Int64) -> [UInt8] {
        let element: [UInt8] = [0x09, UInt8(ascii: "d"), 0] + withUnsafeBytes(of: datetime.littleEndian, Array.init)
        let length = UInt32(4 + element.count + 1)
        return withUnsafeBytes(of: length.littleEndian, Array.init) + element + [0]
    }
}
