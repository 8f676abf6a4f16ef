import Domain
import Foundation
import HTTPCore

/// /api/customer-data: the signed-in user's uploaded customer datasets, which ground generated personas.
/// Upload is `POST` with a `text/csv` body (`?name=` names it); another user's dataset is always 404.
struct CustomerDataRoutes {
    /// `{id, name, columns, row_count, created_at}`, plus `rows` when one dataset is read.
    private struct Representation: Encodable {
        let dataset: CustomerDataset
        let includesRows: Bool

        enum CodingKeys: String, CodingKey {
            case id, name, columns, rows
            case rowCount = "row_count"
            case createdAt = "created_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(dataset.id.rawValue, forKey: .id)
            try container.encode(dataset.name, forKey: .name)
            try container.encode(dataset.columns, forKey: .columns)
            try container.encode(dataset.rows.count, forKey: .rowCount)
            try container.encode(dataset.createdAt, forKey: .createdAt)
            if includesRows { try container.encode(dataset.rows, forKey: .rows) }
        }
    }

    private struct List: Encodable { let items: [Representation] }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/customer-data") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let datasets = try app.customerData.list(by: user.id)
            return .json(List(items: datasets.map { Representation(dataset: $0, includesRows: false) }))
        }
        router.on(.post, "/api/customer-data") { request, _, _ in
            let user = try app.authenticatedUser(request)
            guard Self.isCSV(request.headers["Content-Type"]) else { throw HTTPError.unsupportedMediaType() }
            let dataset = try app.customerData.upload(request.body, name: request.query["name"], by: user.id)
            return .json(Representation(dataset: dataset, includesRows: false), status: .created)
        }
        router.on(.get, "/api/customer-data/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let dataset = try app.customerData.dataset(Self.id(parameters), by: user.id)
            return .json(Representation(dataset: dataset, includesRows: true))
        }
        router.on(.delete, "/api/customer-data/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            try app.customerData.delete(Self.id(parameters), by: user.id)
            return .noContent
        }
    }

    private static func id(_ parameters: RouteParameters) -> CustomerDatasetID {
        CustomerDatasetID(parameters["id"] ?? "")
    }

    /// `text/csv`, parameters (such as `charset=utf-8`) allowed.
    private static func isCSV(_ contentType: String?) -> Bool {
        let mediaType = contentType?.split(separator: ";", maxSplits: 1).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "text/csv"
    }
}
