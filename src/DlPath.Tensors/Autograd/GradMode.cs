namespace DlPath.Tensors.Autograd;

/// <summary>
/// Whether ops record a backward graph on the current thread (<c>torch.is_grad_enabled</c>). Scopes nest:
/// <c>using (Tensor.NoGrad()) { ... }</c> turns recording off until the outermost scope ends.
/// </summary>
public static class GradMode
{
    [ThreadStatic]
    private static int t_disabledDepth;

    /// <summary>True unless a <see cref="NoGradScope"/> is active on this thread.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    internal static void Enter() => t_disabledDepth++;

    internal static void Exit() => t_disabledDepth--;
}

/// <summary>Disables graph recording on this thread while it is alive (<c>with torch.no_grad():</c>).</summary>
public sealed class NoGradScope : IDisposable
{
    private bool _disposed;

    internal NoGradScope() => GradMode.Enter();

    /// <summary>Ends the scope; recording resumes when no enclosing scope remains.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        GradMode.Exit();
    }
}
