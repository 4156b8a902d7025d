namespace DlPath.Tensors.Kernels;

/// <summary>Gathers a strided view into a dense row-major buffer (the work behind <c>Contiguous()</c>).</summary>
internal static class StridedCopy
{
    /// <summary>Copies the elements of a view described by shape/strides/offset into <paramref name="dst"/>.</summary>
    public static void Gather<T>(T[] src, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, Span<T> dst)
    {
        int rank = shape.Length;
        if (rank == 0)
        {
            dst[0] = src[offset];
            return;
        }

        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int n = dst.Length;
        if (n == 0) return;
        Span<int> index = stackalloc int[rank];
        int srcOff = offset;
        for (int row = 0, pos = 0; pos < n; row++, pos += inner)
        {
            var d = dst.Slice(pos, inner);
            if (innerStride == 1)
            {
                src.AsSpan(srcOff, inner).CopyTo(d);
            }
            else if (innerStride == 0)
            {
                d.Fill(src[srcOff]);
            }
            else
            {
                for (int i = 0, s = srcOff; i < inner; i++, s += innerStride) d[i] = src[s];
            }

            // Odometer over the outer dims: step the last outer index and carry.
            for (int dim = rank - 2; dim >= 0; dim--)
            {
                index[dim]++;
                srcOff += strides[dim];
                if (index[dim] < shape[dim]) break;
                srcOff -= strides[dim] * shape[dim];
                index[dim] = 0;
            }
        }
    }

    /// <summary>Writes a dense row-major buffer into a strided view (the inverse of <see cref="Gather{T}"/>).</summary>
    public static void Scatter<T>(ReadOnlySpan<T> src, T[] dst, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        int rank = shape.Length;
        if (rank == 0)
        {
            dst[offset] = src[0];
            return;
        }

        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int n = src.Length;
        if (n == 0) return;
        Span<int> index = stackalloc int[rank];
        int dstOff = offset;
        for (int pos = 0; pos < n; pos += inner)
        {
            var s = src.Slice(pos, inner);
            if (innerStride == 1)
            {
                s.CopyTo(dst.AsSpan(dstOff, inner));
            }
            else
            {
                for (int i = 0, d = dstOff; i < inner; i++, d += innerStride) dst[d] = s[i];
            }

            for (int dim = rank - 2; dim >= 0; dim--)
            {
                index[dim]++;
                dstOff += strides[dim];
                if (index[dim] < shape[dim]) break;
                dstOff -= strides[dim] * shape[dim];
                index[dim] = 0;
            }
        }
    }
}
