public import Domain
public import Foundation
import Synchronization

/// `checkout_sessions`, `stripe_events` and `account_flags` in memory, with the Mongo stores' contract
/// (conditional writes under one lock).
public final class InMemoryBilling: CheckoutStore, PaymentEventStore, AccountFlagStore {
    private struct State {
        var checkouts: [CheckoutSessionID: CheckoutRecord] = [:]
        var events: [String: (type: String, processed: Bool)] = [:]
        var disputes: [UserID: Set<String>] = [:]
    }

    private let state = Mutex(State())  // guards every collection

    public init() {}

    public func insertIfAbsent(_ record: CheckoutRecord) throws -> CheckoutRecord {
        state.withLock { state in
            if let existing = state.checkouts[record.id] { return existing }
            state.checkouts[record.id] = record
            return record
        }
    }

    public func checkout(id: CheckoutSessionID) throws -> CheckoutRecord? { state.withLock { $0.checkouts[id] } }

    public func checkout(paymentIntent: PaymentReference) throws -> CheckoutRecord? {
        state.withLock { $0.checkouts.values.first { $0.paymentIntent == paymentIntent.rawValue } }
    }

    public func transition(
        _ id: CheckoutSessionID, to status: CheckoutStatus, from: Set<CheckoutStatus>, paymentIntent: PaymentReference?,
        at: Date
    ) throws -> Bool {
        state.withLock { state in
            guard var record = state.checkouts[id] else { return false }
            record.paymentIntent = paymentIntent?.rawValue ?? record.paymentIntent
            let changes = !record.granted && from.contains(record.status)
            if changes {
                record.status = status
                record.updatedAt = at
            }
            state.checkouts[id] = record
            return changes
        }
    }

    public func markGranted(_ id: CheckoutSessionID, paymentIntent: PaymentReference?, at: Date) throws {
        state.withLock { state in
            guard var record = state.checkouts[id] else { return }
            record.status = .paid
            record.granted = true
            record.paymentIntent = paymentIntent?.rawValue ?? record.paymentIntent
            record.updatedAt = at
            state.checkouts[id] = record
        }
    }

    public func recordArrival(id: String, type: String, at: Date) throws -> PaymentEventArrival {
        state.withLock { state in
            guard let seen = state.events[id] else {
                state.events[id] = (type, false)
                return .new
            }
            return seen.processed ? .processed : .unfinished
        }
    }

    public func markProcessed(id: String, at: Date) throws {
        state.withLock { $0.events[id]?.processed = true }
    }

    public func flagDisputed(_ user: UserID, dispute: String, at: Date) throws {
        state.withLock { _ = $0.disputes[user, default: []].insert(dispute) }
    }

    public func isDisputed(_ user: UserID) throws -> Bool { state.withLock { $0.disputes[user] != nil } }

    /// Every stored session (tests).
    public var checkouts: [CheckoutRecord] { state.withLock { Array($0.checkouts.values) } }
}

/// A `PaymentGateway` that answers like Stripe without a network: `cs_test_<n>` sessions, or a failure.
public final class FakePaymentGateway: PaymentGateway {
    private let state = Mutex<(requests: [CheckoutSessionRequest], failing: Bool)>(([], false))  // guards both

    public init() {}

    public var requests: [CheckoutSessionRequest] { state.withLock { $0.requests } }

    /// While true, every call fails as an unreachable Stripe would.
    public func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

    public func createCheckoutSession(_ request: CheckoutSessionRequest) throws -> CreatedCheckoutSession {
        let (count, failing) = state.withLock { state in
            state.requests.append(request)
            return (state.requests.count, state.failing)
        }
        if failing { throw DomainError.unavailable(detail: "fake stripe is down") }
        let raw = "cs_test_\(count)"
        guard let id = CheckoutSessionID(raw) else { preconditionFailure("cs_test_<n> is a valid session id") }
        return CreatedCheckoutSession(id: id, url: "https://checkout.example/pay/\(raw)")
    }
}

/// A verifier that accepts a fixed header and refuses anything else (domain tests; route tests use the real one).
public struct FixedHeaderVerifier: WebhookSignatureVerifier {
    public static let validHeader = "valid"

    public init() {}

    public func verify(payload: [UInt8], signatureHeader: String?, now: Date) throws {
        guard signatureHeader == Self.validHeader else {
            throw DomainError(.invalidSignature, "The webhook signature is not valid.", detail: "test verifier")
        }
    }
}
