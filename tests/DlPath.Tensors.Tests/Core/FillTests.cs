namespace DlPath.Tensors.Tests.Core;

/// <summary>
/// Fill and Zero write exactly the tensor's own elements: the direct path for contiguous float tensors (a view
/// with an offset included) and the broadcast copy for strided views and other dtypes.
/// </summary>
public class FillTests
{
    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int64)]
    public void A_contiguous_row_view_is_filled_and_its_neighbours_are_not(DType dtype)
    {
        var m = Tensor.Arange(0, 15).Reshape([3, 5]).To(dtype);
        var row = m.Select(0, 1);
        Assert.True(row.IsContiguous);
        row.Fill(-2);
        double[] expected = [0, 1, 2, 3, 4, -2, -2, -2, -2, -2, 10, 11, 12, 13, 14];
        Assert.Equal(expected, m.ToArray<double>());
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void A_strided_column_view_is_filled_and_its_neighbours_are_not(DType dtype)
    {
        var m = Tensor.Arange(0, 12).Reshape([3, 4]).To(dtype);
        var column = m.Select(1, 2);
        Assert.False(column.IsContiguous);
        column.Zero();
        double[] expected = [0, 1, 0, 3, 4, 5, 0, 7, 8, 9, 0, 11];
        Assert.Equal(expected, m.ToArray<double>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(129)]
    public void Zero_clears_every_element_and_bumps_the_version(int n)
    {
        var t = Tensor.Rand([n, 3]) + 1;
        int before = t.Version;
        t.Zero();
        Assert.All(t.ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.True(t.Version > before);
    }

    [Fact]
    public void A_float32_fill_rounds_the_value_like_a_scalar_of_that_dtype()
    {
        var t = Tensor.Zeros([4]);
        t.Fill(0.1);
        Assert.All(t.ToArray<float>(), v => Assert.Equal(0.1f, v));
        Assert.Equal(Tensor.Scalar(0.1, DType.Float32).Item(), t.ToArray<double>()[0]);
    }
}
