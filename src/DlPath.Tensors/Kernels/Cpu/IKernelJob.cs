namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>A unit of kernel work that <see cref="KernelWorkers"/> splits into parts, one per thread.</summary>
internal interface IKernelJob
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>; parts must not write the same memory.</summary>
    void Execute(int part, int parts);
}
