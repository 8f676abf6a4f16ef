import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Logging
import Testing

@testable import CohortaFCGI

/// The real route table over in-memory ports: requests in, responses out, no sockets.
struct RouteTestHarness {
    let fixture = AccountsFixture()
    let personas = InMemoryPersonas()
    let router: Router<RequestContext>
    let context = RequestContext(logger: Logger(label: "test"))
    let tasks = InMemoryTasks()
    let customerData = InMemoryCustomerData()
    let usageEvents = RecordingUsageEvents()
    let sessions = InMemorySessions()
    let settings = InMemorySettings()
    let modelPrices = InMemoryModelPrices(seeding: Self.prices)
    let sessionCounts = FixedSessionCounts()
    static let models = LLMModelNames(main: "main-model", mini: "mini-model")
    static let prices = [
        ModelPricing(model: "main-model", inputPerMillion: MicroUSD(2_000_000), outputPerMillion: MicroUSD(8_000_000)),
        ModelPricing(model: "mini-model", inputPerMillion: MicroUSD(400_000), outputPerMillion: MicroUSD(1_600_000)),
    ]
    let focusGroups = InMemoryFocusGroups()
    let stimulusImages = InMemoryStimulusImages()
    let activity = InMemoryActivityHistory()

    struct AlwaysHealthy: HealthProbe {
        func ping() throws {}
    }

    init(billing: BillingPorts? = nil) throws {
        let ports = AppPorts(
            users: fixture.accounts, ledger: fixture.accounts, settings: settings,
            loginAttempts: fixture.attempts, hasher: fixture.hasher, signer: fixture.signer, health: AlwaysHealthy(),
            personas: personas, folders: personas, customerData: customerData, usageEvents: usageEvents,
            clock: fixture.clock, tasks: tasks, taskPolicy: .standard, focusGroups: focusGroups,
            stimulusImages: stimulusImages, sessions: sessions, liveActivity: InMemoryLiveActivity(),
            modelPricing: modelPrices, models: Self.models,
            quotas: InMemoryQuotas(usage: usageEvents), adminAudit: fixture.audit,
            sessionCounter: sessionCounts, billing: billing, activityHistory: activity)
        let app = try AppContainer(
            ports: ports, tokenLifetime: 3600, mode: RuntimeMode(devMode: true, llmSimulated: true))
        router = APIRouter.make(app: app, logger: Logger(label: "test"))
    }

    func send(
        _ method: HTTPMethod, _ path: String, json: String? = nil, token: String? = nil,
        headers extra: [(String, String)] = []
    ) -> (status: Int, body: [String: Any]) {
        var headers: HTTPHeaders = [:]
        if json != nil { headers.add(name: "Content-Type", value: "application/json") }
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { headers.add(name: name, value: value) }
        let (path, query) = path.split(separator: "?", maxSplits: 1).map(String.init).splitFirst()
        let request = HTTPRequest(
            method: method, path: path, rawQuery: query ?? "", headers: headers, body: Array((json ?? "").utf8),
            remoteAddress: "127.0.0.1", requestID: "test")
        let response = router.respond(to: request, context: context)
        let body = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (Int(response.status.code), body)
    }

    /// A request with a raw body (an image upload), answered as the transport would get it.
    func sendBytes(
        _ method: HTTPMethod, _ path: String, body: [UInt8], contentType: String?, token: String? = nil,
        headers extra: [(String, String)] = []
    ) -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { headers.add(name: name, value: value) }
        let (path, query) = path.split(separator: "?", maxSplits: 1).map(String.init).splitFirst()
        let request = HTTPRequest(
            method: method, path: path, rawQuery: query ?? "", headers: headers, body: body,
            remoteAddress: "127.0.0.1", requestID: "test")
        return router.respond(to: request, context: context)
    }

    /// Registers and signs in; returns the bearer token.
    func signUp(_ email: String, password: String = "long enough") -> String {
        _ = send(.post, "/api/auth/register", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
        let login = send(.post, "/api/auth/login", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
        return login.body["token"] as? String ?? ""
    }
}

extension Array where Element == String {
    fileprivate func splitFirst() -> (String, String?) { (first ?? "", count > 1 ? self[1] : nil) }
}

func errorCode(_ body: [String: Any]) -> String? { (body["error"] as? [String: Any])?["code"] as? String }
func errorField(_ body: [String: Any]) -> String? { (body["error"] as? [String: Any])?["field"] as? String }
