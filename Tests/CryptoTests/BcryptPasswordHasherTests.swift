import Crypto
import Domain
import Testing

@Suite struct BcryptPasswordHasherTests {
    /// Low cost keeps the suite fast; one test checks the production cost separately.
    let fast = BcryptPasswordHasher(cost: 4)

    @Test func hashThenVerifyAcceptsOnlyTheSamePassword() throws {
        let hash = try fast.hash(Password("correct horse battery staple"))
        #expect(fast.verify(Password("correct horse battery staple"), against: hash))
        #expect(!fast.verify(Password("correct horse battery stapler"), against: hash))
        #expect(!fast.verify(Password(""), against: hash))
    }

    @Test func hashesAreSaltedSoTheSamePasswordHashesDifferently() throws {
        let a = try fast.hash(Password("same password"))
        let b = try fast.hash(Password("same password"))
        #expect(a != b)
    }

    @Test func defaultCostIs12WithThe2bPrefix() throws {
        let hash = try BcryptPasswordHasher().hash(Password("cost twelve please"))
        #expect(hash.value.hasPrefix("$2b$12$"))
        #expect(hash.value.utf8.count == 60)
    }

    /// Generated with Python bcrypt 5.0.0:
    /// `bcrypt.hashpw(b"correct horse battery staple", bcrypt.gensalt(rounds=12, prefix=b"2b"))`.
    @Test func verifiesAHashMadeByPythonBcrypt() {
        let python = PasswordHash("$2b$12$3yNaHDHUBWOFFCS62clDmeUv7.geFlyMDeV/ALj8JfJE1Ct2NpAiO")
        #expect(fast.verify(Password("correct horse battery staple"), against: python))
        #expect(!fast.verify(Password("correct horse battery stapl"), against: python))
    }

    @Test func refusesPasswordsOver72BytesInsteadOfTruncating() throws {
        let long = Password(String(repeating: "a", count: 73))
        #expect(throws: DomainError.self) { try fast.hash(long) }
        // A hash of the first 72 bytes must not verify the 73-byte password.
        let hash72 = try fast.hash(Password(String(repeating: "a", count: 72)))
        #expect(!fast.verify(long, against: hash72))
    }

    @Test func refusesPasswordsContainingNUL() {
        #expect(throws: DomainError.self) { try fast.hash(Password("abc\u{0}defgh")) }
    }

    @Test(arguments: ["", "*0", "$1$abcdefgh$abcdefghijklmnopqrstuv", "abcdefghijk", String(repeating: "$", count: 60)])
    func verifyIsFalseForMalformedOrNonBcryptHashes(stored: String) {
        #expect(!fast.verify(Password("whatever123"), against: PasswordHash(stored)))
    }
}
