/// The bounds a discussion guide respects, whoever wrote it (the model or the researcher).
public enum GuideLimits {
    public static let sections = 1...8
    public static let questionsPerSection = 1...6
    public static let probesPerQuestion = 0...4
    public static let maximumTextLength = 500
    public static let maximumFramingLength = 1_000
    public static let maximumTitleLength = 120
    public static let minutes = 1...60
    public static let turnBudget = 2...40
    public static let pollOptions = 2...7
    public static let likertScales: Set<Int> = [5, 7]
    public static let pollSamples = 1...5
}
