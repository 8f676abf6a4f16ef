internal import CCurl
import Synchronization

/// Process-wide libcurl setup. `curl_global_init` must not race with other threads, so `main` calls
/// `initialize()` once, before it starts any thread or forks workers.
public enum CurlRuntime {
    /// Runs `curl_global_init` the first time; later calls return the first result.
    public static func initialize() throws {
        try globalInitResult.get()
        initialized.store(true, ordering: .releasing)
    }

    /// Whether `initialize()` has succeeded; `CurlHTTPClient.init` checks it.
    static var isInitialized: Bool { initialized.load(ordering: .acquiring) }

    private static let initialized = Atomic<Bool>(false)
}

/// Swift runs a global's initializer exactly once, so this is the only `curl_global_init` call.
private let globalInitResult: Result<Void, CurlError> = {
    let code = curl_global_init(Int(CURL_GLOBAL_ALL))
    guard code == CURLE_OK else {
        return .failure(CurlError(code: code, message: String(cString: curl_easy_strerror(code))))
    }
    return .success(())
}()
