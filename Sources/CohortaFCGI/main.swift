import Daemon
import Logging

// cohorta-fcgi serve | admin …  — configuration comes from COHORTA_* variables (see deploy/cohorta.env.example).
LoggingBootstrap.bootstrap(level: .info)
let logger = Logger(label: "cohorta.fcgi")
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "serve":
    ServeRole.run(logger: logger)
case "runner":
    RunnerRole.run(logger: logger)
case "admin":
    AdminRole.run(arguments: Array(arguments.dropFirst()), logger: logger)
case "version", "--version":
    print("cohorta-fcgi \(CohortaVersion.current)")
default:
    let usage = "usage: cohorta-fcgi serve | runner | admin create-admin --email EMAIL | admin migrate | version\n"
    StandardError.write(Array(usage.utf8))
    ExitCode.exit(ExitCode(64))
}
