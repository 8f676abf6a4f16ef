/// Where a streaming writer puts its bytes, a piece at a time.
public protocol ByteSink: AnyObject {
    func write(_ bytes: [UInt8]) throws
}

extension ByteSink {
    public func write(_ text: String) throws { try write(Array(text.utf8)) }
}

/// A sink holding several named files (a ZIP package): `write` goes to the entry begun last.
public protocol ArchiveSink: ByteSink {
    func beginEntry(_ path: String) throws
    func endEntry() throws
}
