internal import Foundation

extension Date {
    /// The date as it reads back from BSON (whole milliseconds), so values returned right after a
    /// write equal the ones read later.
    var millisecondPrecision: Date {
        Date(timeIntervalSince1970: Double(Int64((timeIntervalSince1970 * 1000).rounded())) / 1000)
    }
}
