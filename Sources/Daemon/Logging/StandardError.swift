import Glibc

/// Raw writes to fd 2: one write(2) per line when possible, retried on EINTR and partial writes.
public enum StandardError {
    @Sendable public static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            guard var base = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Glibc.write(2, base, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                remaining -= written
                base += written
            }
        }
    }
}
