using System.Collections.Concurrent;

namespace DlPath.Web;

/// <summary>
/// The checkpoints in the models folder (<c>--models DIR</c>): <c>NAME.safetensors</c> is served as model NAME.
/// Files are loaded on first use and kept; a file that fails to load is reported with its reason, not served.
/// </summary>
public sealed class ModelRegistry(string? directory, int microBatch) : IAsyncDisposable
{
    private const string Extension = ".safetensors";
    private readonly ConcurrentDictionary<string, Lazy<ServedModel>> _loaded = new(StringComparer.Ordinal);

    /// <summary>The folder scanned, or null.</summary>
    public string? Directory { get; } = directory;

    /// <summary>Model names available now, sorted.</summary>
    public IReadOnlyList<string> Names()
    {
        if (Directory is null || !System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(f => Path.GetFileName(f)[..^Extension.Length])
            .Where(n => n.Length > 0 && !n.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The model called <paramref name="name"/> (null: the first one), loading it if needed.</summary>
    /// <exception cref="ApiException">404 when there is no such model; 422 when its file cannot be loaded.</exception>
    public ServedModel Get(string? name)
    {
        var names = Names();
        if (names.Count == 0) throw new ApiException(StatusCodes.Status404NotFound, "no_models", Directory is null
            ? "no models are served: start the server with --models DIR (a folder of .safetensors checkpoints)"
            : "no .safetensors checkpoints in the models folder");
        name = string.IsNullOrWhiteSpace(name) ? names[0] : name;
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            throw new ApiException(StatusCodes.Status404NotFound, "unknown_model", $"no model named '{name}' (available: {string.Join(", ", names)})");
        }

        var lazy = _loaded.GetOrAdd(name, n => new Lazy<ServedModel>(() => new ServedModel(n, Path.Combine(Directory!, n + Extension), microBatch)));
        try
        {
            return lazy.Value;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // Forget the failure so a fixed file is picked up on the next request.
            _loaded.TryRemove(name, out _);
            throw new ApiException(StatusCodes.Status422UnprocessableEntity, "model_unloadable", $"model '{name}' cannot be loaded: {e.Message}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _loaded.Values)
        {
            if (lazy.IsValueCreated) await lazy.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
