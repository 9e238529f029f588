import Foundation

/// Where a secret lives. Secrets are never written in `backflow.yml`; the file names an environment
/// variable and the value is read from the environment only when it is needed.
///
/// `description` shows the variable's name, never its value, so a reference is safe to log.
public enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    case environment(String)

    /// The name of the environment variable holding the secret.
    public var variableName: String {
        switch self {
        case .environment(let name): return name
        }
    }

    public var description: String { "environment variable \(variableName)" }

    /// Reads the secret. The error names the variable but never carries a value.
    public func resolve(environment: [String: String]) throws(SecretResolutionError) -> String {
        guard let value = environment[variableName] else {
            throw SecretResolutionError(variableName: variableName, problem: .notSet)
        }
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SecretResolutionError(variableName: variableName, problem: .empty)
        }
        return value
    }
}

/// A secret's environment variable could not give a value.
public struct SecretResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case notSet
        case empty
    }

    public let variableName: String
    public let problem: Problem

    public init(variableName: String, problem: Problem) {
        self.variableName = variableName
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .notSet:
            return "the environment variable \(variableName) is not set; export it with the secret before running Backflow"
        case .empty:
            return "the environment variable \(variableName) is empty; export it with the secret before running Backflow"
        }
    }
}

/// Shows enough of a secret for a person to recognise which one it is, and no more.
public enum SecretMask {
    /// The first two characters followed by `••••`; secrets of four characters or fewer show only `••••`.
    public static func mask(_ secret: String) -> String {
        let hidden = "••••"
        guard secret.count > 4 else { return hidden }
        return String(secret.prefix(2)) + hidden
    }
}
