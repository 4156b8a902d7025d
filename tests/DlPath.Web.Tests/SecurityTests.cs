using System.Net;
using System.Net.Sockets;

namespace DlPath.Web.Tests;

/// <summary>Off loopback a token is required; the server refuses to listen publicly without one.</summary>
public sealed class SecurityTests
{
    [Fact]
    public void Loopback_needs_no_token_and_others_need_the_right_one()
    {
        Assert.True(TokenGuard.IsAllowed(IPAddress.Loopback, null, null));
        Assert.True(TokenGuard.IsAllowed(IPAddress.IPv6Loopback, null, "secret"));
        var lan = IPAddress.Parse("192.168.1.20");
        Assert.False(TokenGuard.IsAllowed(lan, null, "secret"));
        Assert.False(TokenGuard.IsAllowed(lan, "guess", "secret"));
        Assert.False(TokenGuard.IsAllowed(lan, "secret", null));
        Assert.True(TokenGuard.IsAllowed(lan, "secret", "secret"));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://127.0.0.1:5080;http://192.168.1.20:5080")]
    public void Public_addresses_without_a_token_are_refused(string urls)
    {
        var e = Assert.Throws<ArgumentException>(() => DlPathWeb.Build(new ServeOptions { Urls = urls }));
        Assert.Contains(ServeOptions.TokenVariable, e.Message);
    }

    [Fact]
    public void Malformed_address_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => DlPathWeb.Build(new ServeOptions { Urls = "localhost:5080" }));
        Assert.Contains("not an address", e.Message);
    }

    [Fact]
    public async Task A_client_off_loopback_gets_401_without_the_token_and_200_with_it()
    {
        // Listen on this machine's own non-loopback address so the connection really comes from off loopback.
        var address = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        Assert.True(address is not null, "this machine has no non-loopback IPv4 address to test with");
        await using var app = DlPathWeb.Build(new ServeOptions { Urls = $"http://{address}:0", Token = "s3cret-token" });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var refused = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("token_required", await refused.Content.ReadAsStringAsync());
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/health") { Headers = { { "Authorization", "Bearer nope" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/health") { Headers = { { "Authorization", "Bearer s3cret-token" } } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        await app.StopAsync();
    }
}
