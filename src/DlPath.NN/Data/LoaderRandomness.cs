namespace DlPath.NN;

/// <summary>Which random numbers a <see cref="DataLoader"/> draws each epoch, so a run can match a PyTorch program draw for draw.</summary>
public enum LoaderRandomness
{
    /// <summary>
    /// Exactly what <c>torch.utils.data.DataLoader</c> (1.13) draws. Each epoch: one 64-bit base seed for worker
    /// processes from the generator (or the default generator), drawn even without shuffling and unused here (no
    /// workers); with shuffling, <c>RandomSampler</c>'s <c>randperm(n)</c> from the generator — or, without one, from a
    /// private generator seeded by a second draw from the default generator — and, when the epoch runs to its end,
    /// the extra <c>randperm(n)</c> RandomSampler draws and throws away.
    /// </summary>
    TorchDataLoader,

    /// <summary>
    /// Only one <c>randperm(n)</c> per shuffled epoch, from the generator: a hand-written PyTorch loop
    /// (<c>perm = torch.randperm(n); for i in range(0, n, bs): b = perm[i:i + bs]</c>), as the project's reference
    /// training script does. Nothing is drawn without shuffling.
    /// </summary>
    RandPerm,
}
