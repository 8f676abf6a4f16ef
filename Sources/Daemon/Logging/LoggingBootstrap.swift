public import Logging
import Synchronization

/// Installs `LogfmtLogHandler` for the whole process and holds the process-wide minimum level.
public enum LoggingBootstrap {
    private static let installed = Atomic<Bool>(false)
    private static let currentLevel = Atomic<UInt8>(LevelCode.encode(.info))

    /// Call once, first thing in `main`. Later calls only change the level (swift-log allows one bootstrap).
    public static func bootstrap(level: Logger.Level) {
        setLevel(level)
        guard installed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        LoggingSystem.bootstrap { _ in LogfmtLogHandler() }
    }

    /// Changes the level of every logger that has not set its own (e.g. after reading `COHORTA_LOG_LEVEL`).
    public static func setLevel(_ level: Logger.Level) {
        currentLevel.store(LevelCode.encode(level), ordering: .relaxed)
    }

    public static var level: Logger.Level { LevelCode.decode(currentLevel.load(ordering: .relaxed)) }

    private enum LevelCode {
        static func encode(_ level: Logger.Level) -> UInt8 {
            UInt8(Logger.Level.allCases.firstIndex(of: level) ?? 0)
        }

        static func decode(_ code: UInt8) -> Logger.Level {
            let all = Logger.Level.allCases
            return Int(code) < all.count ? all[Int(code)] : .info
        }
    }
}
