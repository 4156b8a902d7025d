namespace DlPath.Tensors.Tests.Core;

/// <summary>Item reads the one element of a view at its storage offset, in every dtype, converted or not.</summary>
public class ItemTests
{
    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int64)]
    public void The_element_of_an_offset_view_is_read_in_its_own_type_and_as_a_double(DType dtype)
    {
        var m = Tensor.Arange(0, 12).Reshape([3, 4]).To(dtype);
        var one = m.Select(0, 2).Select(0, 1);
        Assert.Equal(9, one.StorageOffset);
        Assert.Equal(9.0, one.Item());
        switch (dtype)
        {
            case DType.Float32: Assert.Equal(9f, one.Item<float>()); break;
            case DType.Float64: Assert.Equal(9.0, one.Item<double>()); break;
            default: Assert.Equal(9L, one.Item<long>()); break;
        }
    }

    [Fact]
    public void A_float32_value_widens_exactly_and_a_bool_reads_as_one_or_zero()
    {
        var x = Tensor.Scalar(0.1, DType.Float32);
        Assert.Equal((double)0.1f, x.Item());
        Assert.Equal(1.0, Tensor.Scalar(1, DType.Bool).Item());
    }

    [Fact]
    public void More_than_one_element_is_refused()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([2]).Item());
        Assert.Contains("one-element", e.Message, StringComparison.Ordinal);
    }
}
