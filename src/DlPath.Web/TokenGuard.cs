using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DlPath.Web;

/// <summary>
/// Access control: clients on loopback need nothing; any other client must present the server's token
/// (<c>DLPATH_TOKEN</c>) as <c>Authorization: Bearer TOKEN</c>, an <c>X-DlPath-Token</c> header, or the
/// <c>dlpath_token</c> cookie, which opening any page with <c>?token=TOKEN</c> sets (so a browser can log in once).
/// </summary>
internal static class TokenGuard
{
    public const string CookieName = "dlpath_token";

    /// <summary>True when a request from <paramref name="remote"/> presenting <paramref name="presented"/> may proceed.</summary>
    public static bool IsAllowed(IPAddress? remote, string? presented, string? token)
    {
        if (remote is not null && IPAddress.IsLoopback(remote)) return true;
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(presented)) return false;
        // Constant-time comparison so the token cannot be guessed byte by byte from response times.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(token));
    }

    /// <summary>The token a request presents, if any.</summary>
    public static string? Presented(HttpRequest request)
    {
        string auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth[7..].Trim();
        if (request.Headers.TryGetValue("X-DlPath-Token", out var header) && header.Count > 0) return header[0];
        if (request.Query.TryGetValue("token", out var query) && query.Count > 0) return query[0];
        return request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }

    /// <summary>True when every address in <paramref name="urls"/> is a loopback one.</summary>
    public static bool LoopbackOnly(IEnumerable<string> urls) => urls.All(u =>
    {
        if (!Uri.TryCreate(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)) return false;
        return uri.IsLoopback;
    });
}
