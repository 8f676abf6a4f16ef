import Domain

/// The export use cases of one worker, over the export store.
struct ExportUseCases: Sendable {
    let launch: ExportLaunch
    let lookup: ExportLookup

    init(_ store: any ExportStore, ports: AppPorts, launch: TaskLauncher) {
        self.launch = ExportLaunch(
            exports: store, personas: ports.personas, folders: ports.folders, sessions: ports.sessions, launch: launch,
            clock: ports.clock, lifetime: ports.exportLifetime)
        lookup = ExportLookup(exports: store, clock: ports.clock)
    }
}
