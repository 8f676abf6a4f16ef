internal import CWebSockets
internal import Logging

/// Service thread: lws calls every protocol callback from inside `lws_service` (and from
/// `lws_create_vhost` / `lws_context_destroy`, which also run there). Routes to the owning LWSContext.
func lwsCallback(
    _ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
    _ input: UnsafeMutableRawPointer?, _ length: Int
) -> Int32 {
    guard let wsi, let context = lws_get_context(wsi), let owner = lws_context_user(context) else { return 0 }
    return Unmanaged<LWSContext>.fromOpaque(owner).takeUnretainedValue()
        .handle(wsi, reason, user, input, length)
}

/// Any thread lws logs from (only the service thread here). lws's own warnings and errors.
func lwsLogEmit(_ level: Int32, _ line: UnsafePointer<CChar>?) {
    guard let line else { return }
    var text = String(cString: line)
    while text.last == "\n" || text.last == " " { text.removeLast() }
    // Every refused handshake makes lws say this; the handler already logged why.
    if text.hasSuffix("User code denied connection") { return }
    lwsLogger.log(level: level & LLL_ERR != 0 ? .error : .warning, "libwebsockets", metadata: ["lws.line": "\(text)"])
}

private let lwsLogger = Logger(label: "cohorta.lws")

extension LWSContext {
    /// Service thread.
    func handle(
        _ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
        _ input: UnsafeMutableRawPointer?, _ length: Int
    ) -> Int32 {
        switch reason {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: return filterHandshake(wsi)
        case LWS_CALLBACK_ESTABLISHED: return established(wsi, user)
        case LWS_CALLBACK_RECEIVE: return receive(wsi, user, input, length)
        case LWS_CALLBACK_SERVER_WRITEABLE: return connection(in: user)?.writeable() ?? 0
        case LWS_CALLBACK_CLOSED: return closed(user)
        case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
            // Delivered once per vhost; the second drain finds the queue empty.
            runPostedJobs()
            return 0
        case LWS_CALLBACK_HTTP: return httpRequest(wsi, input)
        case LWS_CALLBACK_HTTP_WRITEABLE: return httpHealthBody(wsi)
        case LWS_CALLBACK_WSI_DESTROY:
            state.withValue { _ = $0.acceptedHandshakes.removeValue(forKey: wsi) }
            return 0
        default: return lws_callback_http_dummy(wsi, reason, user, input, length)
        }
    }

    /// Service thread. Ask the handler; 403 (503 while draining) refuses before the upgrade.
    private func filterHandshake(_ wsi: OpaquePointer) -> Int32 {
        guard !state.value.isStopping else {
            _ = lws_return_http_status(wsi, UInt32(HTTP_STATUS_SERVICE_UNAVAILABLE.rawValue), nil)
            return 1
        }
        let request = HandshakeRequest(
            path: header(wsi, WSI_TOKEN_GET_URI) ?? "", fragments: uriArguments(wsi),
            origin: header(wsi, WSI_TOKEN_ORIGIN),
            host: header(wsi, WSI_TOKEN_HOST))
        switch handler.handshake(request) {
        case .accept(let session):
            state.withValue { $0.acceptedHandshakes[wsi] = AcceptedHandshake(session: session) }
            return 0
        case .reject:
            // Without an explicit status lws just drops the TCP connection.
            _ = lws_return_http_status(wsi, UInt32(HTTP_STATUS_FORBIDDEN.rawValue), nil)
            return 1
        }
    }

    /// Service thread. Creates the Connection and parks a retained reference in lws's per-session slot.
    private func established(_ wsi: OpaquePointer, _ user: UnsafeMutableRawPointer?) -> Int32 {
        guard let user, let accepted = state.withValue({ $0.acceptedHandshakes.removeValue(forKey: wsi) }) else {
            return -1
        }
        let id = state.withValue { state in
            defer { state.nextConnectionID += 1 }
            return ConnectionID(state.nextConnectionID)
        }
        let connection = Connection(
            id: id, wsi: wsi, session: accepted.session, configuration: configuration, logger: logger)
        user.storeBytes(of: Unmanaged.passRetained(connection).toOpaque(), as: UnsafeMutableRawPointer?.self)
        state.withValue { $0.connections[id] = connection }
        handler.connectionOpened(connection)
        return 0
    }

    /// Service thread. Reassembles fragments; text only, at most `maxMessageBytes`.
    private func receive(
        _ wsi: OpaquePointer, _ user: UnsafeMutableRawPointer?, _ input: UnsafeMutableRawPointer?, _ length: Int
    ) -> Int32 {
        guard let connection = connection(in: user) else { return -1 }
        if lws_frame_is_binary(wsi) != 0 {
            connection.setCloseReason(.unsupportedData, "text only")
            return -1
        }
        guard connection.received.count + length <= configuration.maxMessageBytes else {
            connection.setCloseReason(.messageTooBig, "max \(configuration.maxMessageBytes) bytes")
            return -1
        }
        if length > 0, let input {
            connection.received.append(contentsOf: UnsafeRawBufferPointer(start: input, count: length))
        }
        guard lws_is_final_fragment(wsi) != 0, lws_remaining_packet_payload(wsi) == 0 else { return 0 }
        let text = String(decoding: connection.received, as: UTF8.self)
        connection.received.removeAll(keepingCapacity: connection.received.capacity <= 4096)
        if connection.isOpen { handler.connection(connection, received: text) }
        return 0
    }

    /// Service thread. Takes back the reference parked in ESTABLISHED.
    private func closed(_ user: UnsafeMutableRawPointer?) -> Int32 {
        guard let user, let raw = user.load(as: UnsafeMutableRawPointer?.self) else { return 0 }
        user.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
        let connection = Unmanaged<Connection>.fromOpaque(raw).takeRetainedValue()
        connection.markClosed()
        state.withValue { _ = $0.connections.removeValue(forKey: connection.id) }
        handler.connectionClosed(connection)
        return 0
    }

    /// Service thread.
    private func connection(in user: UnsafeMutableRawPointer?) -> Connection? {
        guard let raw = user?.load(as: UnsafeMutableRawPointer?.self) else { return nil }
        return Unmanaged<Connection>.fromOpaque(raw).takeUnretainedValue()
    }
}
