import Domain
import Foundation
import Zip

/// Domain's `ArchiveSink` over the streaming `ZipWriter`: the archive's bytes go to `output` as they are
/// made. Call `finish()` after the last entry to write the central directory.
final class ZipArchiveSink: ArchiveSink {
    private let writer: ZipWriter

    init(output: any ByteSink, modified: Date) {
        writer = ZipWriter(modified: modified) { try output.write($0) }
    }

    func beginEntry(_ path: String) throws { try writer.beginEntry(path) }
    func write(_ bytes: [UInt8]) throws { try writer.write(bytes) }
    func endEntry() throws { try writer.endEntry() }
    func finish() throws { try writer.finish() }
}

@available(*, unavailable)
extension ZipArchiveSink: Sendable {}
