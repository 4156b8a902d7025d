using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DlPath.Data.Tests.Datasets;

/// <summary>A tiny HTTP server on 127.0.0.1 serving fixed bytes per path, for downloader tests without internet.</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private readonly Task _loop;

    public LocalHttpServer()
    {
        // Ask the OS for a free port, then listen on it (HttpListener cannot bind port 0 itself).
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public string BaseUrl { get; }

    public ConcurrentDictionary<string, int> Hits { get; } = new();

    public void Serve(string path, byte[] content) => _files[path] = content;

    /// <summary>Paths whose response is held back this long (to exercise client timeouts).</summary>
    public ConcurrentDictionary<string, TimeSpan> Delays { get; } = new();

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath.TrimStart('/');
            Hits.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (Delays.TryGetValue(path, out var delay))
            {
                await Task.Delay(delay);
            }
            using var response = context.Response;
            if (_files.TryGetValue(path, out var content))
            {
                response.StatusCode = 200;
                response.ContentLength64 = content.Length;
                await response.OutputStream.WriteAsync(content);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the loop ends with the listener; its exception does not matter here
        }
    }
}
