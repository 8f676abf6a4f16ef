import Domain
import HTTPCore
import Logging

/// The webhook's one summary line per event: `info` for what is expected, `error` for a signed event that
/// needs a human (amount or currency mismatch, unknown user or pack). Never the body or the signature.
enum BillingWebhookLog {
    static func record(_ outcome: WebhookOutcome, request: HTTPRequest, logger: Logger) {
        var metadata: Logger.Metadata = ["request.id": "\(request.requestID)"]
        switch outcome {
        case .duplicate(let event):
            metadata["stripe.event"] = "\(event.id)"
            metadata["stripe.type"] = "\(event.type)"
            logger.info("stripe event already processed", metadata: metadata)
        case .processed(let event, let effect):
            metadata["stripe.event"] = "\(event.id)"
            metadata["stripe.type"] = "\(event.type)"
            metadata["billing.effect"] = "\(summary(effect))"
            switch effect {
            case .needsReview(let reason):
                metadata["reason"] = "\(reason)"
                logger.error("stripe event needs review", metadata: metadata)
            case .flaggedDisputed(let user, let dispute):
                metadata["user.id"] = "\(user)"
                metadata["stripe.dispute"] = "\(dispute)"
                logger.warning("account flagged: payment disputed", metadata: metadata)
            case .ignored:
                logger.info("stripe event ignored", metadata: metadata)
            default:
                logger.info("stripe event processed", metadata: metadata)
            }
        }
    }

    private static func summary(_ effect: PaymentEffect) -> String {
        switch effect {
        case .granted(let session, let user, let credits): "granted \(credits) to \(user) for \(session)"
        case .alreadyGranted(let session): "already granted \(session)"
        case .statusChanged(let session, let status): "\(session) is \(status.rawValue)"
        case .unchanged(let session): "\(session) unchanged"
        case .clawedBack(let user, let credits, let total): "clawed back \(credits) from \(user) (total \(total))"
        case .alreadyClawedBack(let user, let total): "clawback of \(total) from \(user) complete"
        case .flaggedDisputed(let user, _): "flagged \(user)"
        case .ignored(let type): "ignored \(type)"
        case .needsReview: "needs review"
        }
    }
}
