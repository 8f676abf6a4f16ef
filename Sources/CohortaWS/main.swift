import Crypto
import Domain
import Foundation
import Logging
import WebSocketServer

// Main thread = the lws service thread for the whole life of the process.
let config = WSConfig.loadOrExit()
let logger = config.bootstrapLogging()
let signer = JWTSigner(secret: config.jwtSecret)
let handler = SocketHandler(signer: signer, clock: SystemClock(), logger: logger)
let serverConfiguration = WebSocketServerConfiguration(
    unixSocketPath: config.socketPath, loopbackPort: config.loopbackPort)

do {
    let server = try LWSContext(configuration: serverConfiguration, handler: handler, logger: logger)
    WSConfig.onStopSignal { [handle = server.handle] in handle.requestStop() }
    logger.notice("cohorta-ws ready")
    server.run()
} catch {
    logger.critical("cohorta-ws cannot start", metadata: ["error": "\(error)"])
    exit(1)
}
