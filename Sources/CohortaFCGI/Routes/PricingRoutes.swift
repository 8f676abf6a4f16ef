import Domain
import HTTPCore

/// GET /api/pricing: what things cost in credits, for cost previews (signed-in users).
struct PricingRoutes {
    private struct Pricing: Encodable {
        let personaCreationCost: Int64
        let focusGroupRunCost: Int64

        enum CodingKeys: String, CodingKey {
            case personaCreationCost = "persona_creation_cost"
            case focusGroupRunCost = "focus_group_run_cost"
        }
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/pricing") { request, _, _ in
            _ = try app.authenticatedUser(request)
            let prices = try app.panelGeneration.prices()
            return .json(
                Pricing(
                    personaCreationCost: prices.personaCreationCost.value,
                    focusGroupRunCost: prices.focusGroupRunCost.value))
        }
    }
}
