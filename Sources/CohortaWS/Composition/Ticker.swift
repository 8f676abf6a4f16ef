import Foundation

/// A thread that asks the service thread to run `tick` once a second (lws sleeps until an event, so
/// deadlines need one). Lives as long as the process.
enum Ticker {
    static func start(every interval: TimeInterval = 1, _ tick: @escaping @Sendable () -> Bool) {
        let thread = Thread {
            while tick() { Thread.sleep(forTimeInterval: interval) }
        }
        thread.name = "cohorta-ws-ticker"
        thread.start()
    }
}
