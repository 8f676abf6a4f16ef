import Foundation
import Synchronization
import Testing
import WebSocketServer

@Suite struct CrossThreadQueueTests {
    @Test func postWakesTheServiceThreadOncePerPost() {
        let wakes = Atomic<Int>(0)
        let queue = CrossThreadQueue<Int> { wakes.add(1, ordering: .relaxed) }
        queue.post(1)
        queue.post(2)
        #expect(wakes.load(ordering: .relaxed) == 2)
        #expect(queue.drain() == [1, 2])
        #expect(queue.drain().isEmpty)
    }

    @Test func postsFromManyThreadsAllArriveInPerThreadOrder() async {
        let queue = CrossThreadQueue<Int> {}
        let threads = 8
        let perThread = 1_000
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<threads {
                group.addTask {
                    for index in 0..<perThread { queue.post(thread * perThread + index) }
                }
            }
        }
        let drained = queue.drain()
        #expect(drained.count == threads * perThread)
        for thread in 0..<threads {
            let mine = drained.filter { $0 / perThread == thread }
            #expect(mine == Array(thread * perThread..<(thread + 1) * perThread))
        }
    }

    @Test func closedQueueRefusesPostsWithoutWaking() {
        let wakes = Atomic<Int>(0)
        let queue = CrossThreadQueue<String> { wakes.add(1, ordering: .relaxed) }
        queue.post("left over")
        #expect(queue.close() == ["left over"])
        #expect(!queue.post("too late"))
        #expect(wakes.load(ordering: .relaxed) == 1)
        #expect(queue.drain().isEmpty)
    }
}
