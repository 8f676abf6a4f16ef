internal import CWebSockets

/// Copying request data out of lws during FILTER_PROTOCOL_CONNECTION (headers vanish afterwards).
extension LWSContext {
    /// Service thread. One header, nil when absent or implausibly long.
    func header(_ wsi: OpaquePointer, _ token: lws_token_indexes) -> String? {
        let length = Int(lws_hdr_total_length(wsi, token))
        guard length > 0, length < 8192 else { return nil }
        var buffer = [CChar](repeating: 0, count: length + 1)
        let copied = buffer.withUnsafeMutableBufferPointer { lws_hdr_copy(wsi, $0.baseAddress, Int32($0.count), token) }
        guard copied >= 0 else { return nil }
        return String(decoding: buffer.prefix(Int(copied)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Service thread. The URL-decoded `name=value` query fragments (at most 32, each under 4 KiB).
    func uriArguments(_ wsi: OpaquePointer) -> [String] {
        var fragments: [String] = []
        var buffer = [CChar](repeating: 0, count: 4096)
        for index in 0..<32 {
            let copied = buffer.withUnsafeMutableBufferPointer {
                lws_hdr_copy_fragment(wsi, $0.baseAddress, Int32($0.count), WSI_TOKEN_HTTP_URI_ARGS, Int32(index))
            }
            if copied == -1 { break }  // no such fragment: done
            guard copied >= 0 else { continue }  // -2: too long, skipped
            fragments.append(String(decoding: buffer.prefix(Int(copied)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return fragments
    }
}
