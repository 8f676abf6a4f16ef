import Glibc

/// Wall-clock time for log timestamps only (durations use `ContinuousClock`).
public enum WallClock {
    public struct Time: Sendable, Equatable {
        public let seconds: Int
        public let milliseconds: Int

        public init(seconds: Int, milliseconds: Int) {
            self.seconds = seconds
            self.milliseconds = milliseconds
        }

        /// `2026-11-24T20:00:00.000Z`, always UTC with milliseconds.
        public var iso8601: String {
            var time = time_t(seconds)
            var parts = tm()
            gmtime_r(&time, &parts)
            return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-"
                + pad(Int(parts.tm_mday), 2)
                + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
                + "." + pad(milliseconds, 3) + "Z"
        }

        private func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }

    public static func now() -> Time {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Time(seconds: Int(spec.tv_sec), milliseconds: Int(spec.tv_nsec) / 1_000_000)
    }
}
