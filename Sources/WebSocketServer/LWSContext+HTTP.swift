internal import CWebSockets

/// Plain HTTP on the WebSocket listener: only `GET <healthPath>` is served.
extension LWSContext {
    /// Service thread (LWS_CALLBACK_HTTP). Sends the headers now and the body when writeable.
    func httpRequest(_ wsi: OpaquePointer, _ input: UnsafeMutableRawPointer?) -> Int32 {
        let path = input.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } ?? ""
        let isGet = lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) > 0
        guard isGet, path == configuration.healthPath else {
            if lws_return_http_status(wsi, UInt32(HTTP_STATUS_NOT_FOUND.rawValue), nil) != 0 { return -1 }
            return lws_http_transaction_completed(wsi) != 0 ? -1 : 0
        }
        var buffer = [UInt8](repeating: 0, count: Int(CLWS_PRE) + 512)
        let failed = buffer.withUnsafeMutableBufferPointer { storage -> Bool in
            guard let base = storage.baseAddress else { return true }
            let start = base + Int(CLWS_PRE)
            let end = base + storage.count
            var cursor: UnsafeMutablePointer<UInt8>? = start
            let bodyLength = lws_filepos_t(configuration.healthBody.utf8.count)
            return lws_add_http_common_headers(
                wsi, UInt32(HTTP_STATUS_OK.rawValue), "application/json", bodyLength, &cursor, end) != 0
                || lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CACHE_CONTROL, "no-store", 8, &cursor, end) != 0
                || lws_finalize_write_http_header(wsi, start, &cursor, end) != 0
        }
        if failed { return -1 }
        lws_callback_on_writable(wsi)
        return 0
    }

    /// Service thread (LWS_CALLBACK_HTTP_WRITEABLE). The body, then keep-alive or close.
    func httpHealthBody(_ wsi: OpaquePointer) -> Int32 {
        var buffer = [UInt8](repeating: 0, count: Int(CLWS_PRE))
        buffer.append(contentsOf: configuration.healthBody.utf8)
        let length = buffer.count - Int(CLWS_PRE)
        let written = buffer.withUnsafeMutableBufferPointer { storage -> Int32 in
            guard let base = storage.baseAddress else { return -1 }
            return lws_write(wsi, base + Int(CLWS_PRE), length, LWS_WRITE_HTTP_FINAL)
        }
        guard written >= length else { return -1 }
        return lws_http_transaction_completed(wsi) != 0 ? -1 : 0
    }
}
