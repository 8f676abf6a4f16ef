import Mongo
import Testing

struct MongoRuntimeTests {
    @Test func initializeIsIdempotent() {
        MongoRuntime.initialize()
        MongoRuntime.initialize()
    }
}
