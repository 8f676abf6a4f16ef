import Foundation

/// The front matter of a template file, between two `---` lines: `key: value` lines for `name`, `tier`
/// (main|mini), `version` (a positive integer), `variables` (a comma list, `name:data` for user-provided
/// text) and `schema` (`inline` when a `## schema` section follows, or `none`).
struct PromptHeader {
    let name: String
    let tier: LLMTier
    let version: Int
    let variables: [PromptVariable]
    let hasSchema: Bool

    /// The header and the index of the first line after it.
    static func parse(_ lines: [String]) throws -> (PromptHeader, Int) {
        guard let start = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
            lines[start] == "---"
        else { throw PromptTemplate.problem("a template starts with a \"---\" header") }
        guard let end = lines[(start + 1)...].firstIndex(of: "---") else {
            throw PromptTemplate.problem("the header has no closing \"---\"")
        }
        var fields: [String: String] = [:]
        for index in (start + 1)..<end where !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
            let line = lines[index]
            guard let colon = line.firstIndex(of: ":") else {
                throw PromptTemplate.problem("expected \"key: value\"", line: index + 1)
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard ["name", "tier", "version", "variables", "schema"].contains(key) else {
                throw PromptTemplate.problem("unknown header key \"\(key)\"", line: index + 1)
            }
            guard fields[key] == nil else { throw PromptTemplate.problem("a second \"\(key)\"", line: index + 1) }
            fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (try PromptHeader(fields), end + 1)
    }

    private init(_ fields: [String: String]) throws {
        func field(_ key: String) throws -> String {
            guard let value = fields[key] else { throw PromptTemplate.problem("the header needs \"\(key)\"") }
            return value
        }
        name = try field("name")
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "-_/".contains($0)) })
        else { throw PromptTemplate.problem("name \"\(name)\" must be lowercase letters, digits, '-', '_' or '/'") }

        let tierText = try field("tier")
        guard let tier = LLMTier(rawValue: tierText) else {
            throw PromptTemplate.problem("tier \"\(tierText)\" must be main or mini")
        }
        self.tier = tier

        let versionText = try field("version")
        guard let version = Int(versionText), version >= 1 else {
            throw PromptTemplate.problem("version \"\(versionText)\" must be a positive integer")
        }
        self.version = version

        variables = try Self.variables(try field("variables"))

        switch try field("schema") {
        case "inline": hasSchema = true
        case "none": hasSchema = false
        case let other: throw PromptTemplate.problem("schema \"\(other)\" must be inline or none")
        }
    }

    /// `brief:data, count` → [brief (data), count].
    private static func variables(_ list: String) throws -> [PromptVariable] {
        var variables: [PromptVariable] = []
        for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard isIdentifier(parts[0]), parts.count == 1 || (parts.count == 2 && parts[1] == "data") else {
                throw PromptTemplate.problem("variable \"\(item)\" must be a name, optionally followed by \":data\"")
            }
            guard !variables.contains(where: { $0.name == parts[0] }) else {
                throw PromptTemplate.problem("variable \"\(parts[0])\" is declared twice")
            }
            variables.append(PromptVariable(name: parts[0], isData: parts.count == 2))
        }
        return variables
    }

    /// A variable name: a lowercase letter or '_' then lowercase letters, digits or '_'.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLowercase || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}
