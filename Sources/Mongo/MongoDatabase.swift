public import BSON
internal import CMongoc

/// A database on a lent client; valid only inside `MongoClientPool.withClient`.
public struct MongoDatabase {
    let client: MongoClient
    public let name: String

    public func collection(_ name: String) -> MongoCollection {
        MongoCollection(database: self, name: name)
    }

    /// Runs a command on this database and returns the server's reply.
    @discardableResult
    public func runCommand(_ command: BSONDocument) throws -> BSONDocument {
        try command.withPointer { command in
            try MongoReply.call { reply, error in
                mongoc_client_command_with_opts(client.checkedRaw, name, command, nil, nil, reply, error)
            }
        }
    }

    /// Round trip to the server (`{ping: 1}`); throws when it cannot be reached.
    public func ping() throws {
        try runCommand(["ping": 1])
    }
}

@available(*, unavailable)
extension MongoDatabase: Sendable {}
