namespace DlPath.Tensors.Buffers;

/// <summary>
/// A region of code whose tensors die with it (<see cref="Tensor.Scope"/>): every tensor created on this thread
/// while the scope is the innermost one is recorded, and when the scope ends their memory goes back to
/// <see cref="TensorPool"/> for the next step to reuse, so a steady-state training loop stops allocating.
/// </summary>
/// <remarks>
/// <para>
/// The safety rule: a released tensor (and every view of it) throws a clear error when its data is touched,
/// instead of silently reading memory another tensor owns by now. What must outlive the scope is kept:
/// <see cref="Tensor.Keep"/> or <see cref="Keep"/>, and automatically a leaf's <see cref="Tensor.Grad"/>, the
/// parameters and buffers of modules, and optimizer state. Metadata (shape, dtype) stays readable.
/// </para>
/// <para>
/// Scopes nest; a tensor belongs to the innermost scope active when it was created. Tensors created on other
/// threads, or while no scope is active, are ordinary GC memory and never released. A scope must be ended on the
/// thread that opened it (so not across an <c>await</c>); ending an outer scope ends the inner ones still open.
/// </para>
/// </remarks>
/// <example><code>
/// for (int step = 0; step &lt; steps; step++)
/// {
///     using var scope = Tensor.Scope();
///     optimizer.ZeroGrad(setToNone: false);
///     var loss = lossFn.Call(model.Call(x), y);
///     loss.Backward();
///     optimizer.Step();
///     losses.Add(loss.Item());   // read what you need before the scope ends
/// }
/// </code></example>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? t_current;

    [ThreadStatic]
    private static Stack<List<Storage>>? t_spareLists;

    private readonly TensorScope? _parent;
    private readonly int _threadId;
    private List<Storage>? _storages;

    internal TensorScope()
    {
        _parent = t_current;
        _threadId = Environment.CurrentManagedThreadId;
        _storages = t_spareLists is { Count: > 0 } spare ? spare.Pop() : new List<Storage>(256);
        t_current = this;
    }

    /// <summary>True while the scope records (until it is disposed).</summary>
    public bool IsActive => _storages is not null;

    /// <summary>How many storages this scope recorded so far (views share one).</summary>
    public int RecordedCount => _storages?.Count ?? 0;

    /// <summary>The innermost active scope of this thread, or null.</summary>
    internal static TensorScope? Current => t_current;

    /// <summary>Keeps <paramref name="tensor"/> (and every view of its storage) alive after the scope ends; returns it.</summary>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.Keep();
    }

    /// <summary>Records a new storage in this thread's innermost scope, if one is active.</summary>
    internal static void RecordInCurrent(Storage storage)
    {
        var scope = t_current;
        if (scope is null) return;
        storage.Lifetime = StorageLifetime.Scoped;
        scope._storages!.Add(storage);
    }

    /// <summary>
    /// Ends the scope (and any inner scope still open): every recorded storage that was not kept returns its
    /// array to the pool and is marked released.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called on another thread than the one that opened the scope.</exception>
    public void Dispose()
    {
        if (_storages is null) return;
        if (Environment.CurrentManagedThreadId != _threadId)
        {
            throw new InvalidOperationException("Tensor.Scope: a scope must end on the thread that opened it (don't keep one across an await)");
        }

        // Inner scopes left open end first, so storages are released innermost first and t_current stays a chain.
        while (t_current is not null && t_current != this) t_current.End();
        End();
    }

    private void End()
    {
        var storages = _storages!;
        _storages = null;
        foreach (var s in storages)
        {
            if (s.Lifetime == StorageLifetime.Scoped) s.Release();
        }

        storages.Clear();
        var spare = t_spareLists ??= new Stack<List<Storage>>();
        if (spare.Count < 8) spare.Push(storages);
        t_current = _parent;
    }
}
