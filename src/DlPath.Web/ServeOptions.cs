namespace DlPath.Web;

/// <summary>How <c>dlpath serve</c> runs: addresses, where models and progress live, limits and the access token.</summary>
public sealed record ServeOptions
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Environment variable holding the token required from clients that are not on loopback.</summary>
    public const string TokenVariable = "DLPATH_TOKEN";

    /// <summary>Addresses to listen on, separated by ';' (Kestrel's <c>--urls</c>).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Folder scanned for <c>*.safetensors</c> checkpoints; null serves no models.</summary>
    public string? ModelsDirectory { get; init; }

    /// <summary>Opens the learner's progress store; null shows an empty dashboard.</summary>
    public Func<DlPath.Course.Progress.IProgressStore>? OpenStore { get; init; }

    /// <summary>Today's date for the dashboard (default: the local date at each request).</summary>
    public Func<DateOnly>? Today { get; init; }

    /// <summary>The current time for review due dates (default: the clock).</summary>
    public Func<DateTimeOffset>? Now { get; init; }

    /// <summary>The access token (from <see cref="TokenVariable"/>); required when listening off loopback.</summary>
    public string? Token { get; init; }

    /// <summary>Largest request body accepted, in bytes (default 10 MiB; an upload over it gets 413).</summary>
    public long MaxRequestBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Largest image accepted, in pixels (default 25 megapixels; checked before decoding).</summary>
    public long MaxImagePixels { get; init; } = 25_000_000;

    /// <summary>Largest number of examples in one JSON batch.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Largest number of requests the inference loop runs as one forward pass.</summary>
    public int MicroBatch { get; init; } = 64;
}
