/// What one generation of workers runs. `run` executes in the forked child (single-threaded at entry);
/// its result becomes the child's exit status. Build everything that must not cross a fork
/// (database pools, threads) inside `run`.
public struct WorkerPlan {
    public var workers: Int
    public var run: (_ slot: Int) -> ExitCode

    public init(workers: Int, run: @escaping (_ slot: Int) -> ExitCode) {
        self.workers = workers
        self.run = run
    }
}
