/// A path's segments between `/`, empty ones dropped: `/a//b/` → `a`, `b`.
@usableFromInline
enum PathSegments {
    @inlinable
    static func split(_ path: String) -> [Substring] {
        // An ASCII path has the same `/` Characters as `/` bytes, and bytes split without grapheme breaking.
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else {
            return path.split(separator: "/", omittingEmptySubsequences: true)
        }
        return path.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
    }
}
