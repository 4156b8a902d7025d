using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>What a safetensors file holds: named tensors in file order and the string metadata.</summary>
/// <param name="Tensors">Tensors by name.</param>
/// <param name="Metadata">The <c>__metadata__</c> entries (empty when absent).</param>
public sealed record SafeTensorsContent(OrderedDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata);
