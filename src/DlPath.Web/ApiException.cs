namespace DlPath.Web;

/// <summary>
/// A request the server refuses, with the HTTP status and a short machine-readable <see cref="Code"/>; it becomes
/// the JSON body <c>{"error": {"code": ..., "message": ...}}</c>, never a stack trace.
/// </summary>
public sealed class ApiException(int status, string code, string message) : Exception(message)
{
    /// <summary>The HTTP status (4xx).</summary>
    public int Status { get; } = status;

    /// <summary>A stable code for clients, e.g. <c>not_an_image</c>.</summary>
    public string Code { get; } = code;

    /// <summary>400 Bad Request.</summary>
    public static ApiException BadRequest(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);
}
