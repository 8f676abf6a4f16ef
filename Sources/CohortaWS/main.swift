import Crypto
import Daemon
import Domain
import Foundation
import Logging
import WebSocketServer

// Main thread = the lws service thread for the whole life of the process.
LoggingBootstrap.bootstrap(level: .info)
let logger = Logger(label: "cohorta.ws")
let config = CohortaConfig.loadOrExit(logger: logger)
LoggingBootstrap.setLevel(config.logLevel)
let handler = SocketHandler(signer: JWTSigner(secret: config.jwtSecret), clock: SystemClock(), logger: logger)
let serverConfiguration = WebSocketServerConfiguration(unixSocketPath: config.wsSocket, loopbackPort: config.wsPort)

do {
    let server = try LWSContext(configuration: serverConfiguration, handler: handler, logger: logger)
    StopSignal.onStop { [handle = server.handle] in handle.requestStop() }
    Notify.ready()
    logger.notice("cohorta-ws ready", metadata: ["socket": "\(config.wsSocket)"])
    server.run()
} catch {
    logger.critical("cohorta-ws cannot start", metadata: ["error": "\(error)"])
    ExitCode.exit(.failure)
}
