import Foundation

/// Which pages may open a socket (cross-site WebSocket hijacking): a browser's `Origin` must be the
/// server's own (its host and port equal the `Host` the client connected to) or explicitly allowed.
/// Requests without `Origin` do not come from a browser page and go on to the token check.
struct OriginPolicy: Sendable {
    /// Allowed origins besides the server's own, as `scheme://host[:port]`, compared case-insensitively.
    let allowed: Set<String>

    init(allowed: [String]) {
        self.allowed = Set(allowed.map { $0.lowercased().trimmingTrailingSlash })
    }

    func allows(origin: String?, host: String?) -> Bool {
        guard let origin else { return true }
        let normalized = origin.lowercased().trimmingTrailingSlash
        if allowed.contains(normalized) { return true }
        guard let host, let url = URL(string: normalized), let originHost = url.host,
            ["http", "https"].contains(url.scheme)
        else { return false }
        let authority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return authority == host.lowercased()
    }
}

extension String {
    fileprivate var trimmingTrailingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
