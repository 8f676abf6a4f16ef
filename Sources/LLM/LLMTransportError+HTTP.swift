import Domain
import Foundation
import HTTPClient

extension LLMTransportError {
    /// The one translation of HTTPClient's errors.
    init(curlError error: CurlError) {
        let detail = error.debugDescription
        switch error.code {
        case .timeout: self.init(.timeout, detail: detail)
        case .tooLarge: self.init(.invalidResponse, detail: detail)
        case .protocolRefused, .invalidRequest: self.init(.rejected(status: nil), detail: detail)
        case .cancelled: self.init(.cancelled, detail: detail)
        default: self.init(.network, detail: detail)
        }
    }

    /// The one translation of a non-2xx answer: 429 (with `retry-after-ms` or `Retry-After` seconds),
    /// 5xx, anything else. The provider's error message goes into `detail`, cut to 200 characters.
    init(response: HTTPClientResponse) {
        let message =
            (try? JSONDecoder().decode(ChatCompletionErrorBody.self, from: Data(response.body)))?.error?.message
        let detail = "status \(response.status): \(String((message ?? "").prefix(200)))"
        switch response.status {
        case 429: self.init(.rateLimited(retryAfter: Self.retryAfter(response.headers)), detail: detail)
        case 500...599: self.init(.server(status: response.status), detail: detail)
        default: self.init(.rejected(status: response.status), detail: detail)
        }
    }

    /// `retry-after-ms` (OpenAI, Azure) wins over `Retry-After` in seconds; an HTTP-date is ignored.
    private static func retryAfter(_ headers: HTTPClientHeaders) -> Duration? {
        if let raw = headers["retry-after-ms"], let milliseconds = Double(raw), milliseconds >= 0 {
            return .milliseconds(Int64(milliseconds.rounded(.up)))
        }
        if let raw = headers["Retry-After"], let seconds = Double(raw.trimmingCharacters(in: .whitespaces)),
            seconds >= 0, seconds.isFinite
        {
            return .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        return nil
    }
}
