namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>Which instruction set the fast GEMM's micro-kernel uses.</summary>
internal enum GemmIsa
{
    /// <summary>The widest one this CPU accelerates: Vector512, else Vector256 (AVX2 + FMA), else scalar.</summary>
    Auto,

    /// <summary>AVX-512 FMA micro-kernels (12x32 float, 12x16 double).</summary>
    Vector512,

    /// <summary>AVX2 FMA micro-kernels (6x16 float, 6x8 double).</summary>
    Vector256,

    /// <summary>Portable scalar 4x4 micro-kernel, for CPUs without either.</summary>
    Scalar,
}
