using DlPath.Tensors;

namespace DlPath.NN.Tests.Data;

public sealed class TransformTests
{
    /// <summary>(N, C, H, W) with element k = k, so each value says where it came from.</summary>
    private static Tensor Counting(params int[] shape) => Tensor.Arange(0, shape.Aggregate(1, (a, b) => a * b), 1, DType.Float32).Reshape(shape);

    [Fact]
    public void Normalize_subtracts_and_divides_per_channel()
    {
        var x = Counting(2, 2, 1, 2);
        var y = new Normalize([1.0, 2.0], [2.0, 4.0]).Apply(x).ToArray<float>();
        // n0: c0 [0,1], c1 [2,3]; n1: c0 [4,5], c1 [6,7]
        Assert.Equal([-0.5f, 0f, 0f, 0.25f, 1.5f, 2f, 1f, 1.25f], y);
        Assert.Equal([2, 1, 2], new Normalize(0.5, 0.5).Apply(Counting(2, 1, 2)).ShapeArray());
        var ex = Assert.Throws<ShapeException>(() => new Normalize([0.0, 0, 0], [1.0, 1, 1]).Apply(x));
        Assert.Contains("2 channels", ex.Message);
        Assert.Throws<ArgumentException>(() => new Normalize(0, 0));
    }

    [Fact]
    public void RandomCrop_without_room_to_move_is_the_identity_and_draws_nothing()
    {
        var g = new Generator(5);
        var x = Counting(2, 1, 4, 4);
        Assert.Equal(x.ToArray<float>(), new RandomCrop(4, generator: g).Apply(x).ToArray<float>());
        var probe = new long[1];
        g.RandInt(probe, 0, 1000);
        var fresh = new long[1];
        new Generator(5).RandInt(fresh, 0, 1000);
        Assert.Equal(fresh, probe);
    }

    [Fact]
    public void RandomCrop_cuts_the_padded_window_at_the_drawn_position()
    {
        const int pad = 2, size = 4;
        var x = Counting(3, 2, 4, 5);
        var y = new RandomCrop(size, padding: pad, fill: -1, generator: new Generator(11)).Apply(x);
        Assert.Equal([3, 2, size, size], y.ShapeArray());

        // Replay torchvision's draws: top in [0, 8 - 4], then left in [0, 9 - 4], per image.
        var twin = new Generator(11);
        var draw = new long[1];
        var xs = x.ToArray<float>();
        var ys = y.ToArray<float>();
        bool anyPadding = false;
        for (int n = 0; n < 3; n++)
        {
            twin.RandInt(draw, 0, 4 + (2 * pad) - size + 1);
            int top = (int)draw[0];
            twin.RandInt(draw, 0, 5 + (2 * pad) - size + 1);
            int left = (int)draw[0];
            for (int c = 0; c < 2; c++)
            {
                for (int r = 0; r < size; r++)
                {
                    for (int col = 0; col < size; col++)
                    {
                        int sy = top + r - pad, sx = left + col - pad;
                        float expected = sy is >= 0 and < 4 && sx is >= 0 and < 5 ? xs[(((n * 2) + c) * 20) + (sy * 5) + sx] : -1f;
                        anyPadding |= expected == -1f;
                        Assert.Equal(expected, ys[(((n * 2) + c) * 16) + (r * 4) + col]);
                    }
                }
            }
        }

        Assert.True(anyPadding, "seed 11 should place at least one window over the padding");
        Assert.Throws<ShapeException>(() => new RandomCrop(9, padding: 0).Apply(x));
    }

    [Fact]
    public void RandomHorizontalFlip_mirrors_images_drawn_below_p()
    {
        var x = Counting(6, 1, 2, 3);
        Assert.Equal([2f, 1, 0, 5, 4, 3], new RandomHorizontalFlip(1.0).Apply(Counting(1, 2, 3)).ToArray<float>());
        Assert.Equal(x.ToArray<float>(), new RandomHorizontalFlip(0.0).Apply(x).ToArray<float>());

        var y = new RandomHorizontalFlip(0.5, new Generator(2)).Apply(x).ToArray<float>();
        var twin = new Generator(2);
        var u = new float[1];
        int flipped = 0;
        for (int n = 0; n < 6; n++)
        {
            twin.Uniform(u);
            bool flip = u[0] < 0.5f;
            flipped += flip ? 1 : 0;
            float first = (n * 6) + (flip ? 2 : 0);
            Assert.Equal(first, y[n * 6]);
            Assert.Equal(first + 3, y[(n * 6) + 3]);
        }

        Assert.InRange(flipped, 1, 5);
    }

    [Fact]
    public void Transforms_run_on_loader_batches_and_leave_the_dataset_alone()
    {
        var images = Counting(8, 1, 2, 2);
        var before = images.ToArray<float>();
        var data = new TensorDataset(images, Tensor.Zeros([8], DType.Int64), new Compose(new RandomHorizontalFlip(1.0), new Normalize(1.0, 2.0)));
        var batch = new DataLoader(data, batchSize: 8).First();
        Assert.Equal([(1f - 1) / 2, (0f - 1) / 2, (3f - 1) / 2, (2f - 1) / 2], batch.Input.ToArray<float>()[..4]);
        Assert.Equal(before, data.Inputs.ToArray<float>());
    }
}
