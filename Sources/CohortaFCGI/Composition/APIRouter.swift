import Daemon
import Domain
import HTTPCore
import Logging

/// Per-request values the routes may use.
struct RequestContext: Sendable {
    let logger: Logger
}

/// The whole /api route table, with domain errors mapped to HTTP once.
enum APIRouter {
    static func make(app: AppContainer, logger: Logger) -> Router<RequestContext> {
        var router = Router<RequestContext>(
            mapError: { error in (error as? DomainError).map(DomainErrorResponse.init) },
            reportUnhandled: { error, request in
                logger.error(
                    "request failed",
                    metadata: ["request.id": "\(request.requestID)", "error": "\(String(reflecting: error))"])
            })
        router.use { request, context, next in
            do {
                return try next(request, context)
            } catch let error as DomainError where error.detail != nil {
                context.logger.info(
                    "request refused",
                    metadata: [
                        "request.id": "\(request.requestID)", "code": "\(error.code)",
                        "detail": "\(error.detail ?? "")",
                    ])
                throw error
            }
        }
        AuthRoutes(app: app).register(in: &router)
        CreditRoutes(app: app).register(in: &router)
        AdminRoutes(app: app).register(in: &router)
        AdminUserRoutes(app: app).register(in: &router)
        AdminUsageRoutes(app: app).register(in: &router)
        AdminAnalyticsRoutes(app: app).register(in: &router)
        AdminPricingRoutes(app: app).register(in: &router)
        AdminSettingsRoutes(app: app).register(in: &router)
        HealthRoutes(app: app).register(in: &router)
        TaskRoutes(app: app).register(in: &router)
        PersonaRoutes(app: app).register(in: &router)
        FolderRoutes(app: app).register(in: &router)
        PersonaModificationRoutes(app: app).register(in: &router)
        PersonaGenerationRoutes(app: app).register(in: &router)
        PricingRoutes(app: app).register(in: &router)
        CustomerDataRoutes(app: app).register(in: &router)
        UsageRoutes(app: app).register(in: &router)
        QuotaRoutes(app: app).register(in: &router)
        SessionRoutes(app: app).register(in: &router)
        FocusGroupRoutes(app: app).register(in: &router)
        StimulusRoutes(app: app).register(in: &router)
        DiscussionGuideRoutes(app: app).register(in: &router)
        BillingRoutes(app: app).register(in: &router)
        ExportRoutes(app: app).register(in: &router)
        return router
    }

    /// `COHORTA_MAX_BODY_BYTES` for every route but the image upload, which takes up to 5 MiB.
    static func bodyLimits(_ config: CohortaConfig) -> BodyLimits {
        BodyLimits(standard: config.maxBodyBytes)
            .allowing(StimulusImage.MediaType.maximumBytes, for: .post, StimulusRoutes.uploadPath)
            .allowing(BillingRoutes.webhookBodyLimit, for: .post, BillingRoutes.webhookPath)
    }
}
