using DlPath.Data.Formats.Mat;

namespace DlPath.Data.Tests.Mat;

public class MatLayoutTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(7, 1)]
    [InlineData(33, 65)]
    [InlineData(70, 45)]
    public void Two_d_reorder_matches_the_definition(int rows, int cols)
    {
        // Column-major element (i, j) sits at j*rows + i; give it the value 1000*i + j.
        var colMajor = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                colMajor[j * rows + i] = 1000 * i + j;
            }
        }
        var rowMajor = MatLayout.ToRowMajor(colMajor, [rows, cols]);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                Assert.Equal(1000 * i + j, rowMajor[i * cols + j]);
            }
        }
    }

    [Fact]
    public void Singleton_dimensions_are_skipped_in_n_d_arrays()
    {
        // 1x3x1x2: only two non-singleton dims, stored column-major as (k=0: 0,1,2), (k=1: 3,4,5).
        var result = MatLayout.ToRowMajor(new double[] { 0, 1, 2, 3, 4, 5 }, [1, 3, 1, 2]);
        Assert.Equal([0.0, 3, 1, 4, 2, 5], result);
    }

    [Fact]
    public void Overflowing_dimensions_are_reported()
    {
        Assert.Throws<OverflowException>(() => MatLayout.Product([100_000, 100_000]));
    }
}
