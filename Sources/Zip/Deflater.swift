internal import CZlib

/// One raw-deflate stream (zlib, no header) and the CRC-32 of what went in. Owns its heap-allocated
/// `z_stream`, which never moves; `deinit` ends it. Confined to the thread using it.
final class Deflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 64 * 1024)
    private(set) var crc: UInt32 = 0
    private(set) var inputCount = 0
    private(set) var outputCount = 0

    init() throws(ZipError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_deflate_init_raw(stream, Z_DEFAULT_COMPRESSION)
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ZipError(.deflate, "The compressor could not start.", detail: "deflateInit2 \(status)")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `bytes`, handing any output to `emit`.
    func compress(_ bytes: [UInt8], emit: ([UInt8]) throws -> Void) throws {
        guard !bytes.isEmpty else { return }
        crc = bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32(uLong(crc), buffer.baseAddress, uInt(buffer.count)))
        }
        inputCount += bytes.count
        try run(bytes, flush: Z_NO_FLUSH, emit: emit)
    }

    /// Ends the stream, handing the rest of the output to `emit`.
    func finish(emit: ([UInt8]) throws -> Void) throws {
        try run([], flush: Z_FINISH, emit: emit)
    }

    private func run(_ input: [UInt8], flush: Int32, emit: ([UInt8]) throws -> Void) throws {
        var input = input
        try input.withUnsafeMutableBufferPointer { source in
            stream.pointee.next_in = source.baseAddress
            stream.pointee.avail_in = uInt(source.count)
            defer {
                stream.pointee.next_in = nil
                stream.pointee.avail_in = 0
            }
            while true {
                let (status, produced) = output.withUnsafeMutableBufferPointer { target in
                    stream.pointee.next_out = target.baseAddress
                    stream.pointee.avail_out = uInt(target.count)
                    let status = deflate(stream, flush)
                    let produced = target.count - Int(stream.pointee.avail_out)
                    stream.pointee.next_out = nil
                    stream.pointee.avail_out = 0
                    return (status, produced)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw ZipError(.deflate, "Compression failed.", detail: "deflate \(status)")
                }
                if produced > 0 {
                    outputCount += produced
                    try emit(Array(output[0..<produced]))
                }
                let done =
                    flush == Z_FINISH ? status == Z_STREAM_END : stream.pointee.avail_in == 0 && produced < output.count
                if done { return }
            }
        }
    }
}

@available(*, unavailable)
extension Deflater: Sendable {}
