using System.Numerics.Tensors;
using DlPath.Tensors.Buffers;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// Both gradients of a 3x3 "same" convolution (stride 1, padding 1: the CNN's second layer) in one pass over the
/// batch. The input gradient is the convolution of dy padded by one with the flipped kernel, and the weight gradient
/// kernel wants dy on rows of a multiple of 16 floats: the same padded planes, read one row and one column in. So
/// each block of samples copies dy (and x) into padded runs once, and both kernels read them while they are in cache,
/// where separate passes would read dy from memory twice.
/// </summary>
internal static unsafe partial class Conv2dDirect
{
    /// <summary>Whether <c>Backward3x3</c> handles this geometry (with <see cref="Suits"/> already true).</summary>
    public static bool SuitsBackward3x3(Im2ColGeometry g) => g.Kh == 3 && g.Kw == 3 && g.Ph == 1 && g.Pw == 1;

    /// <summary>
    /// dx (N, C, H, W), dW (O, C, 3, 3) and db (O, or null) of y = conv(x, w) for dy (N, O, H, W), all overwritten,
    /// for a geometry that <see cref="SuitsBackward3x3"/>: the results of <see cref="InputGrad"/> and
    /// <c>WeightGrad3x3</c>.
    /// </summary>
    public static void Backward3x3(float[] x, int xOffset, float[] w, int wOffset, float[] dy, int dyOffset, float[] dx, float[] dw, float[]? db, Im2ColGeometry g, int outChannels)
    {
        fixed (float* pdy = dy) Backward3x3(x, xOffset, w, wOffset, DyPlanes.Dense(pdy + dyOffset), dx, dw, db, g, outChannels);
    }

    /// <summary>As the overload above, with dy read through <paramref name="dy"/> (the tensor, or a pooling's gradient).</summary>
    public static void Backward3x3(float[] x, int xOffset, float[] w, int wOffset, DyPlanes dy, float[] dx, float[] dw, float[]? db, Im2ColGeometry g, int outChannels)
    {
        int o = outChannels, c = g.C, k = c * 9, kt = o * 9, pairs = (o + 1) / 2, hp = g.H + 2;
        int row = (g.W + 2 + Strip - 1) / Strip * Strip, plane = hp * row;
        int block = Math.Clamp(BlockFloats / (plane * (c + (2 * pairs))), 1, SampleBlock);

        // A run holds a block of planes; the input-gradient tiles read up to 48 floats past its last plane, the
        // weight-gradient tiles (one row and column in) up to a row.
        int runStride = (block * plane) + row + (4 * Strip);

        // The transposed convolution's kernel (C out, O in, flipped), packed per block of 8 of its output channels.
        int cBlocks = (c + Mr - 1) / Mr;
        using var packed = ScratchBuffer<float>.Rent(cBlocks * kt * Mr, clear: true);
        using var zeros = ScratchBuffer<float>.Rent(cBlocks * Mr, clear: true);
        for (int ic = 0; ic < c; ic++)
        {
            for (int oc = 0; oc < o; oc++)
            {
                for (int t = 0; t < 9; t++)
                {
                    packed.Array[((((ic / Mr) * kt) + (oc * 9) + t) * Mr) + (ic % Mr)] = w[wOffset + (((oc * c) + ic) * 9) + (8 - t)];
                }
            }
        }

        // Tap (oc, i, j) of the transposed convolution, on the dy runs.
        var offsets = new int[kt];
        for (int oc = 0, t = 0; oc < o; oc++)
        {
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++) offsets[t++] = (oc * runStride) + (i * row) + j;
            }
        }

        int positions = g.H * row, wide = positions / WideNr, rest = positions - (wide * WideNr);
        if (rest > Nr) (wide, rest) = (wide + 1, 0);
        int cover = (wide * WideNr) + (rest > 0 ? Nr : 0);

        int parts = (long)g.N * o * k * g.L < 1 << 16 ? 1 : Math.Min(g.N, PartsPerCore * Environment.ProcessorCount);
        int partLength = (2 * pairs * k) + o; // [c][o][tap] as in WeightGrad3x3, then db
        using var partial = ScratchBuffer<float>.Rent(parts * partLength, clear: true);
        float[] pa = partial.Array, pk = packed.Array, pz = zeros.Array;
        void Part(int part)
        {
            // Zero when first made: the borders (and an odd last channel's dy run) are never written, so they stay zero,
            // also from one call to the next (see PaddedScratch).
            using var xs = PaddedScratch.Rent(new PaddedLayout(4, g with { N = 0 }, o, (c * runStride) + Strip));
            using var ds = PaddedScratch.Rent(new PaddedLayout(5, g with { N = 0 }, o, (2 * pairs * runStride) + Strip));
            using var ypad = ScratchBuffer<float>.Rent((Mr * cover) + Strip);
            fixed (int* pOff = offsets)
            fixed (float* pY0 = ypad.Array, pw = pa, pPacked = pk, pZero = pz)
            {
                float* px = xs.Pointer, pd = ds.Pointer, pY = Align64(pY0);
                float* pdw = pw + (part * partLength), pdb = pdw + (2 * pairs * k);
                for (int n0 = g.N * part / parts, end = g.N * (part + 1) / parts; n0 < end; n0 += block)
                {
                    int count = Math.Min(block, end - n0);
                    for (int s = 0; s < count; s++)
                    {
                        LayOutSample(x, xOffset, dy, n0 + s, s, g, o, px, row + 1, pd, row + 1, runStride, plane, row, pdb);
                    }

                    // dx, sample by sample: the direct tiles over the padded dy planes (channel stride runStride).
                    for (int s = 0; s < count; s++)
                    {
                        float* src = pd + (s * plane);
                        for (int blk = 0; blk < cBlocks; blk++)
                        {
                            float* wBlock = pPacked + (blk * kt * Mr);
                            for (int tile = 0; tile < wide; tile++)
                            {
                                WideTile(src + (tile * WideNr), wBlock, pOff, kt, pZero, pY + (tile * WideNr), cover);
                            }

                            if (rest > 0) Tile(src + (wide * WideNr), wBlock, pOff, kt, pZero, pY + (wide * WideNr), cover);
                            for (int r = 0, rows = Math.Min(Mr, c - (blk * Mr)); r < rows; r++)
                            {
                                fixed (float* to = &dx[(((n0 + s) * c) + (blk * Mr) + r) * g.H * g.W])
                                {
                                    for (int iy = 0; iy < g.H; iy++) CopyRow(pY + (r * cover) + (iy * row), to + (iy * g.W), g.W);
                                }
                            }
                        }
                    }

                    // dW: dy as WeightGrad3x3 lays it out starts one row and one column into the padded planes.
                    WeightTilesOverBlock(pd + row + 1, px, pairs, c, runStride, row, count * hp, pdw);
                }
            }
        }

        if (parts == 1) Part(0);
        else Cpu.KernelWorkers.For(parts, Part);
        ReduceWeightGrad3x3(pa, parts, partLength, pairs, c, o, dw, db);
    }
}
