using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DlPath.Web;

/// <summary>
/// Builds the <c>dlpath serve</c> application: Kestrel, the dashboard and playground pages, the JSON API
/// (<c>/api/predict</c>, <c>/api/models</c>, <c>/api/health</c>, <c>/api/progress</c>) and its OpenAPI document at
/// <c>/openapi/v1.json</c>. Every error is JSON <c>{"error":{"code","message"}}</c> with a 4xx status for a bad request.
/// </summary>
public static class DlPathWeb
{
    /// <summary>Builds (does not start) the application for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The addresses are not loopback and no token is set, or an address is malformed.</exception>
    public static WebApplication Build(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var urls = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0) throw new ArgumentException("serve: --urls is empty");
        foreach (var u in urls)
        {
            if (!Uri.TryCreate(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"serve: '{u}' is not an address like http://127.0.0.1:5080");
            }
        }

        if (!TokenGuard.LoopbackOnly(urls) && string.IsNullOrEmpty(options.Token))
        {
            throw new ArgumentException($"serve: {options.Urls} is reachable from other machines; set {ServeOptions.TokenVariable} to a secret token first (clients send it as 'Authorization: Bearer TOKEN')");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Services.Configure<FormOptions>(f => PredictionApi.ConfigureForm(f, options));
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new ModelRegistry(options.ModelsDirectory, options.MicroBatch));
        builder.Services.AddSingleton(_ => new ProgressSource(options));

        var app = builder.Build();
        app.Use(HandleErrorsAsync);
        app.Use(async (http, next) =>
        {
            var h = http.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'";
            h["Referrer-Policy"] = "no-referrer";
            if (!TokenGuard.IsAllowed(http.Connection.RemoteIpAddress, TokenGuard.Presented(http.Request), options.Token))
            {
                throw new ApiException(StatusCodes.Status401Unauthorized, "token_required",
                    $"this server needs its token from clients that are not on the same machine: send 'Authorization: Bearer TOKEN' (the value of {ServeOptions.TokenVariable} where the server runs)");
            }

            if (http.Request.Query.TryGetValue("token", out var token) && token.Count > 0 && !string.IsNullOrEmpty(options.Token))
            {
                http.Response.Cookies.Append(TokenGuard.CookieName, token[0]!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            }

            await next(http);
        });

        app.MapOpenApi();
        var api = app.MapGroup("/api");
        api.MapGet("/health", (ModelRegistry models) => Results.Json(new { status = "ok", models = models.Names().Count }))
            .WithSummary("Liveness: 200 with the number of models served");
        api.MapGet("/models", (ModelRegistry models) => Results.Json(new { models = models.Names().Select(n => Describe(models, n)).ToList() }))
            .WithSummary("The checkpoints served: name, architecture, input shape, labels, parameters");
        api.MapGet("/progress", (ProgressSource progress) => Results.Json(progress.Report()))
            .WithSummary("The learner's progress: summary, plan (Gantt rows), phases, weeks, labs, reviews");
        api.MapPost("/predict", PredictionApi.PredictAsync)
            .WithSummary("Top classes for an image (multipart field 'image') or JSON {\"pixels\":[...]} / {\"batch\":[[...],...]}; query: model, top")
            .DisableAntiforgery();
        api.MapFallback((HttpContext http) => throw new ApiException(StatusCodes.Status404NotFound, "not_found", $"no API endpoint {http.Request.Method} {http.Request.Path}"));

        app.MapGet("/", (ProgressSource progress) => Results.Content(Pages.Dashboard(progress.Report()), "text/html; charset=utf-8"));
        app.MapGet("/playground", (ModelRegistry models) => Results.Content(Pages.Playground(models.Names()), "text/html; charset=utf-8"));
        app.MapGet("/static/{name}", (string name) => StaticAsset(name));
        return app;
    }

    private static object Describe(ModelRegistry models, string name)
    {
        try
        {
            var m = models.Get(name);
            return new
            {
                name,
                layers = m.Checkpoint.Model.Select(l => l.GetType().Name).ToList(),
                inputShape = m.Checkpoint.InputShape,
                labels = m.Checkpoint.Labels,
                parameters = m.Checkpoint.Model.ParameterCount(),
                metadata = m.Checkpoint.Metadata.Where(kv => kv.Key is not ("architecture" or "labels")).ToDictionary(),
            };
        }
        catch (ApiException e)
        {
            return new { name, error = e.Message };
        }
    }

    private static IResult StaticAsset(string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".png" => "image/png",
            _ => null,
        };
        var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("wwwroot/" + name);
        if (stream is null) throw new ApiException(StatusCodes.Status404NotFound, "not_found", $"no static file '{name}'");
        return Results.Stream(stream, type);
    }

    private static async Task HandleErrorsAsync(HttpContext http, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (Exception e) when (!http.Response.HasStarted && Classify(e) is { } error)
        {
            http.Response.Clear();
            http.Response.StatusCode = error.Status;
            await http.Response.WriteAsJsonAsync(new { error = new { code = error.Code, message = error.Message } });
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DlPath.Web").LogError(e, "unhandled error on {Path}", http.Request.Path);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.Response.WriteAsJsonAsync(new { error = new { code = "internal_error", message = "internal error; the server log has the details" } });
        }
    }

    private static ApiException? Classify(Exception e) => e switch
    {
        ApiException a => a,
        BadHttpRequestException b => new ApiException(b.StatusCode, b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "request_too_large" : "bad_request", b.Message),
        _ => null,
    };
}
