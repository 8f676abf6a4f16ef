/// Metadata keys of the request summary line.
public enum FastCGILogKey {
    public static let requestID = "request.id"
    public static let method = "method"
    public static let path = "path"
    public static let status = "status"
    public static let milliseconds = "ms"
    public static let thread = "thread"
    public static let error = "error"
}
