using System.Runtime.CompilerServices;

namespace DlPath.Tensors;

/// <summary>
/// Single-precision log and sin/cos with the Cephes polynomials that PyTorch's AVX2 normal kernel uses
/// (ATen/native/cpu/avx_mathfun.h, after Julien Pommier's sse_mathfun). PyTorch's float32
/// <c>randn</c> of 16 or more elements goes through these instead of the C library, so reproducing its
/// numbers means reproducing these functions operation for operation.
/// </summary>
/// <remarks>
/// GCC builds PyTorch's AVX2 kernels with <c>-mfma</c> and default floating-point contraction, so every
/// "multiply whose only use is an add" in that header becomes one fused multiply-add. The
/// <see cref="MathF.FusedMultiplyAdd"/> calls below are exactly those places; the remaining multiplies
/// and adds are rounded separately, as in the compiled kernel. Changing either breaks bit-equality
/// with PyTorch (the golden tests catch it).
/// </remarks>
internal static class CephesFloat
{
    private const float SqrtHalf = 0.707106781186547524f;
    private const float LogP0 = 7.0376836292E-2f;
    private const float LogP1 = -1.1514610310E-1f;
    private const float LogP2 = 1.1676998740E-1f;
    private const float LogP3 = -1.2420140846E-1f;
    private const float LogP4 = 1.4249322787E-1f;
    private const float LogP5 = -1.6668057665E-1f;
    private const float LogP6 = 2.0000714765E-1f;
    private const float LogP7 = -2.4999993993E-1f;
    private const float LogP8 = 3.3333331174E-1f;
    private const float LogQ1 = -2.12194440e-4f;
    private const float LogQ2 = 0.693359375f;

    private const float MinusDp1 = -0.78515625f;
    private const float MinusDp2 = -2.4187564849853515625e-4f;
    private const float MinusDp3 = -3.77489497744594108e-8f;
    private const float SinP0 = -1.9515295891E-4f;
    private const float SinP1 = 8.3321608736E-3f;
    private const float SinP2 = -1.6666654611E-1f;
    private const float CosP0 = 2.443315711809948E-005f;
    private const float CosP1 = -1.388731625493765E-003f;
    private const float CosP2 = 4.166664568298827E-002f;
    private const float FourOverPi = 1.27323954473516f;

    /// <summary>Natural logarithm (<c>log256_ps</c>, one lane). NaN for x &lt;= 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x)
    {
        if (!(x > 0f))
        {
            return float.NaN;
        }
        // Denormals are cut off to the smallest normal float.
        x = MathF.Max(x, BitConverter.Int32BitsToSingle(0x00800000));
        var bits = BitConverter.SingleToInt32Bits(x);
        var exponent = (int)((uint)bits >> 23) - 0x7f;
        // Keep the mantissa and set the exponent so that x lands in [0.5, 1).
        x = BitConverter.Int32BitsToSingle((bits & ~0x7f800000) | BitConverter.SingleToInt32Bits(0.5f));
        var e = exponent + 1f;

        // if (x < sqrt(1/2)) { e -= 1; x = x + x - 1; } else { x = x - 1; } -- written branch-free as in the header.
        var below = x < SqrtHalf;
        var tmp = below ? x : 0f;
        x -= 1f;
        e -= below ? 1f : 0f;
        x += tmp;

        var z = x * x;
        var y = MathF.FusedMultiplyAdd(LogP0, x, LogP1);
        y = MathF.FusedMultiplyAdd(y, x, LogP2);
        y = MathF.FusedMultiplyAdd(y, x, LogP3);
        y = MathF.FusedMultiplyAdd(y, x, LogP4);
        y = MathF.FusedMultiplyAdd(y, x, LogP5);
        y = MathF.FusedMultiplyAdd(y, x, LogP6);
        y = MathF.FusedMultiplyAdd(y, x, LogP7);
        y = MathF.FusedMultiplyAdd(y, x, LogP8);
        y *= x;
        y = MathF.FusedMultiplyAdd(y, z, e * LogQ1);
        y = MathF.FusedMultiplyAdd(-z, 0.5f, y);
        return MathF.FusedMultiplyAdd(e, LogQ2, x + y);
    }

    /// <summary>Sine and cosine of one argument (<c>sincos256_ps</c>, one lane); accurate for |x| &lt; 8192.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCos(float x, out float sin, out float cos)
    {
        var signSin = BitConverter.SingleToInt32Bits(x) & unchecked((int)0x80000000);
        x = MathF.Abs(x);

        // Octant j of x*4/pi, rounded up to even (Cephes' "j = (j + 1) & ~1").
        var j = (int)(x * FourOverPi);
        j = (j + 1) & ~1;
        var y = (float)j;
        var swapSignSin = (j & 4) << 29;
        var useSinPoly = (j & 2) == 0;
        var signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSignSin;

        // Extended-precision reduction x - j*pi/4, pi/4 split in three parts.
        x = MathF.FusedMultiplyAdd(y, MinusDp1, x);
        x = MathF.FusedMultiplyAdd(y, MinusDp2, x);
        x = MathF.FusedMultiplyAdd(y, MinusDp3, x);

        var z = x * x;
        // Cosine polynomial on [0, pi/4].
        var c = MathF.FusedMultiplyAdd(CosP0, z, CosP1);
        c = MathF.FusedMultiplyAdd(c, z, CosP2);
        c *= z;
        c = MathF.FusedMultiplyAdd(c, z, -(z * 0.5f));
        c += 1f;
        // Sine polynomial on [0, pi/4].
        var s = MathF.FusedMultiplyAdd(SinP0, z, SinP1);
        s = MathF.FusedMultiplyAdd(s, z, SinP2);
        s *= z;
        s = MathF.FusedMultiplyAdd(s, x, x);

        // Swap the polynomials by octant, with the same masked adds as the header (they fix signed zeros).
        var sinFromS = useSinPoly ? s : 0f;
        var sinFromC = useSinPoly ? 0f : c;
        var cosFromS = s - sinFromS;
        var cosFromC = c - sinFromC;
        var sinValue = sinFromC + sinFromS;
        var cosValue = cosFromC + cosFromS;

        sin = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(sinValue) ^ signSin);
        cos = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(cosValue) ^ signCos);
    }
}
