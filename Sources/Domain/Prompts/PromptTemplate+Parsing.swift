import Foundation

/// Reading a template file. Every mistake throws `DomainError(.invalidInput)` whose message says what is
/// wrong (and the line, where there is one); `PromptDirectory` adds the file name and stops startup.
extension PromptTemplate {
    public static func parse(text: String) throws -> PromptTemplate {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        let (header, bodyStart) = try PromptHeader.parse(lines)
        let sections = try sections(of: lines, from: bodyStart)

        guard let systemText = sections["system"] else { throw problem("missing the \"## system\" section") }
        guard let userText = sections["user"] else { throw problem("missing the \"## user\" section") }
        let system = try segments(of: systemText, section: "system")
        let user = try segments(of: userText, section: "user")
        try check(header.variables, system: system, user: user)

        let schema: JSONValue?
        switch (header.hasSchema, sections["schema"]) {
        case (true, let text?): schema = try parseSchema(text)
        case (false, nil): schema = nil
        case (true, nil): throw problem("the header says \"schema: inline\" but there is no \"## schema\" section")
        case (false, _?): throw problem("there is a \"## schema\" section but the header says \"schema: none\"")
        }
        return PromptTemplate(
            name: header.name, tier: header.tier, version: header.version, variables: header.variables,
            schema: schema, system: system, user: user)
    }

    static func problem(_ message: String, line: Int? = nil) -> DomainError {
        DomainError(.invalidInput, line.map { "Line \($0): \(message)." } ?? "Template: \(message).")
    }

    /// Splits the body at `## name` lines. Text before the first section is a note for reviewers and is
    /// never sent; sub-headings inside a section use `###`.
    private static func sections(of lines: [String], from start: Int) throws -> [String: String] {
        var sections: [String: String] = [:]
        var current: (name: String, lines: [String])?
        func close() {
            guard let section = current else { return }
            sections[section.name] = section.lines.joined(separator: "\n").trimmingCharacters(
                in: .whitespacesAndNewlines)
        }
        for (offset, line) in lines[start...].enumerated() where line.hasPrefix("## ") || current != nil {
            guard line.hasPrefix("## ") else {
                current?.lines.append(line)
                continue
            }
            let name = line.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased()
            guard ["system", "user", "schema"].contains(name) else {
                throw problem(
                    "unknown section \"## \(name)\" (expected system, user or schema)", line: start + offset + 1)
            }
            guard sections[name] == nil, current?.name != name else {
                throw problem("a second \"## \(name)\" section", line: start + offset + 1)
            }
            close()
            current = (name, [])
        }
        close()
        return sections
    }

    /// Literal text and `{{variable}}` placeholders; any other `{{` is a mistake.
    private static func segments(of text: String, section: String) throws -> [Segment] {
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { segments.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw problem("unclosed \"{{\" in the \(section) section")
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard PromptHeader.isIdentifier(name) else {
                throw problem("malformed placeholder \"{{\(name)}}\" in the \(section) section")
            }
            segments.append(.variable(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
        return segments
    }

    /// Declared and used variables must match, and user text (data variables) never enters the system message.
    private static func check(_ variables: [PromptVariable], system: [Segment], user: [Segment]) throws {
        func names(_ segments: [Segment]) -> Set<String> {
            Set(segments.compactMap { if case .variable(let name) = $0 { name } else { nil } })
        }
        let systemNames = names(system)
        let used = systemNames.union(names(user))
        for name in used.sorted() where !variables.contains(where: { $0.name == name }) {
            throw problem("placeholder {{\(name)}} is not declared in \"variables\"")
        }
        for variable in variables {
            guard used.contains(variable.name) else {
                throw problem("variable \"\(variable.name)\" is declared but never used")
            }
            guard !(variable.isData && systemNames.contains(variable.name)) else {
                throw problem("data variable \"\(variable.name)\" may only appear in the user section")
            }
        }
    }

    /// The one ```json fenced block of the schema section, parsed and checked.
    private static func parseSchema(_ text: String) throws -> JSONValue {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "```json",
            lines.last?.trimmingCharacters(in: .whitespaces) == "```", lines.count >= 2
        else { throw problem("the schema section must be exactly one ```json fenced block") }
        lines.removeFirst()
        lines.removeLast()
        let schema: JSONValue
        do {
            schema = try JSONValue.parse(lines.joined(separator: "\n"))
        } catch let error as DomainError {
            throw problem("schema: \(error.message)")
        }
        try SchemaValidator.checkSchema(schema)
        return schema
    }
}
