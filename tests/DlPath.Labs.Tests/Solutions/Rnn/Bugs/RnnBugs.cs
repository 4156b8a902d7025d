using DlPath.Tensors;

namespace Labs.Rnn.Bugs.NoTanhDerivative
{
    // Seeded bug: the RNN step backward skips the tanh derivative.
    public static class Rnn
    {
        public static (Tensor Dx, Tensor DprevH, Tensor Dwx, Tensor Dwh, Tensor Db) StepBackward(
            Tensor dnextH, Tensor x, Tensor prevH, Tensor wx, Tensor wh, Tensor b) =>
            Labs.Rnn.Rnn.StepBackwardCore(dnextH, x, prevH, wx, wh, b, tanhDerivative: false);
    }
}

namespace Labs.Rnn.Bugs.EmbeddingOverwrite
{
    // Seeded bug: dw[v] assigned, so a repeated word keeps only its last gradient.
    public static class WordEmbedding
    {
        public static Tensor Backward(Tensor dout, Tensor indices, int vocabularySize)
        {
            var dw = Tensor.Zeros([vocabularySize, dout.Size(2)], dout.DType);
            var flat = indices.Reshape(-1).ToArray<long>();
            var rows = dout.Reshape(-1, dout.Size(2));
            for (int p = 0; p < flat.Length; p++) dw.Select(0, (int)flat[p]).CopyFrom(rows.Select(0, p));
            return dw;
        }
    }
}

namespace Labs.Rnn.Bugs.TorchGateOrder
{
    // Seeded bug: PyTorch's gate order i, f, g, o.
    public static class Lstm
    {
        public static (Tensor NextH, Tensor NextC) StepForward(Tensor x, Tensor prevH, Tensor prevC, Tensor wx, Tensor wh, Tensor b) =>
            Labs.Rnn.Lstm.StepForwardCore(x, prevH, prevC, wx, wh, b, oIndex: 3, gIndex: 2);
    }
}
