import Daemon
import Logging
import Synchronization
import Testing

struct LogfmtLogHandlerTests {
    let time = WallClock.Time(seconds: 1_795_550_400, milliseconds: 7)

    @Test func lineHasPriorityTimestampLevelQuotedMessageAndSortedMetadata() {
        let line = LogfmtLogHandler.line(
            level: .info, message: "request finished", metadata: ["status": "200", "request.id": "abc", "ms": "3.8"],
            at: time)
        #expect(
            line
                == "<6>ts=2026-11-24T20:00:00.007Z level=info msg=\"request finished\" ms=3.8 request.id=abc status=200\n"
        )
    }

    @Test func valuesWithSpacesQuotesOrNewlinesAreQuotedAndEscaped() {
        let line = LogfmtLogHandler.line(
            level: .error, message: "say \"hi\"",
            metadata: ["a": "two words", "b": "x=y", "c": "line\nbreak", "d": ""], at: time)
        #expect(
            line
                == "<3>ts=2026-11-24T20:00:00.007Z level=error msg=\"say \\\"hi\\\"\" a=\"two words\" b=\"x=y\" c=\"line\\nbreak\" d=\"\"\n"
        )
    }

    @Test func prioritiesFollowSyslog() {
        let levels: [(Logger.Level, String)] = [
            (.debug, "<7>"), (.info, "<6>"), (.notice, "<5>"), (.warning, "<4>"), (.error, "<3>"),
        ]
        for (level, prefix) in levels {
            #expect(LogfmtLogHandler.line(level: level, message: "m", metadata: [:], at: time).hasPrefix(prefix))
        }
    }

    @Test func handlerMergesLoggerAndEventMetadataIntoOneWrite() {
        let captured = Mutex<[String]>([])
        var logger = Logger(label: "t") { _ in
            LogfmtLogHandler { bytes in captured.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        }
        logger.logLevel = .debug
        logger[metadataKey: "request.id"] = "r1"
        logger.debug("step", metadata: ["request.id": "r2", "n": "1"])
        let lines = captured.withLock { $0 }
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix("level=debug msg=\"step\" n=1 request.id=r2\n") == true)
    }
}
