import Daemon
import Foundation
import Testing

struct ListenSocketTests {
    func temporaryPath() -> String {
        NSTemporaryDirectory() + "cohorta-ls-\(getpid())-\(UInt32.random(in: 0 ... .max)).sock"
    }

    @Test func bindsWithMode0666AndRemovesTheFileOnClose() throws {
        let path = temporaryPath()
        var socket: ListenSocket? = try ListenSocket(path: path)
        #expect(socket?.isSocketActivated == false)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o666)
        socket = nil
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func replacesAStaleSocketButNotALiveOne() throws {
        let path = temporaryPath()
        let live = try ListenSocket(path: path)
        #expect(throws: SystemCallError.self) { try ListenSocket(path: path) }
        withExtendedLifetime(live) {}
        // A socket file nobody listens on (left by a killed process) is replaced.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let stalePath = temporaryPath()
        withUnsafeMutableBytes(of: &address.sun_path) { for (i, b) in stalePath.utf8.enumerated() { $0[i] = b } }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        close(stale)
        #expect(FileManager.default.fileExists(atPath: stalePath))
        let replaced = try ListenSocket(path: stalePath)
        #expect(replaced.descriptor >= 0)
    }

    @Test func refusesToReplaceARegularFile() throws {
        let path = temporaryPath()
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SystemCallError.self) { try ListenSocket(path: path) }
    }
}
