import Daemon
import Domain
import Foundation
import Logging
import Mongo

/// `cohorta-fcgi admin create-admin --email E`: creates the first operator, or promotes an existing account.
/// The password is read from standard input (one line), so it never appears in `ps` or shell history.
/// `cohorta-fcgi admin migrate`: see `AdminRole+Migrate.swift`.
enum AdminRole {
    static let usage = """
        usage: cohorta-fcgi admin create-admin --email EMAIL   (password on standard input)
               cohorta-fcgi admin migrate [--attempts N]       (create every MongoDB index; idempotent)
        """

    static func run(arguments: [String], logger: Logger) -> Never {
        if arguments.first == "migrate" { migrate(arguments: Array(arguments.dropFirst()), logger: logger) }
        guard arguments.first == "create-admin", arguments.count == 3, arguments[1] == "--email" else {
            usageError()
        }
        let config = CohortaConfig.loadOrExit(logger: logger)
        MongoRuntime.initialize()
        let pool = DatabaseConnection.open(config: config, appName: "cohorta-admin", maxClients: 1, logger: logger)
        let password = readLine(strippingNewline: true) ?? ""
        do {
            let app = try AppContainer(
                ports: .production(pool: pool, config: config), tokenLifetime: Double(config.jwtTTLSeconds),
                mode: RuntimeMode(config))
            switch try app.createAdmin(email: arguments[2], password: password) {
            case .created(let user):
                logger.notice("admin created", metadata: ["user.id": "\(user.id)"])
            case .promoted(let user):
                logger.notice("existing account promoted to admin", metadata: ["user.id": "\(user.id)"])
            }
            ExitCode.exit(.success)
        } catch let error as DomainError {
            StandardError.write(Array(("cohorta-fcgi: \(error.message)\(error.field.map { " (\($0))" } ?? "")\n").utf8))
            ExitCode.exit(.failure)
        } catch {
            logger.error("create-admin failed", metadata: ["error": "\(error)"])
            ExitCode.exit(.failure)
        }
    }

    static func usageError() -> Never {
        StandardError.write(Array((usage + "\n").utf8))
        ExitCode.exit(ExitCode(64))
    }
}
