using System.Runtime.CompilerServices;
using DlPath.Tensors.Buffers;

namespace DlPath.Tensors.Tests.Buffers;

/// <summary>
/// Turns on the pool's poisoning of uninitialised outputs for the whole test run, also in Release: every kernel
/// test then fails if a kernel leaves part of an output from <c>Tensor.Uninitialized</c> unwritten.
/// </summary>
internal static class PoisonUninitialized
{
#pragma warning disable CA2255 // a module initializer is exactly what a test-wide switch needs
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Enable() => TensorPool.PoisonUninitialized = true;
}
