using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A data transform (the role of <c>torchvision.transforms</c>): takes one image (C, H, W) or a batch of images
/// (N, C, H, W) and returns a new tensor; the input is never changed. Random transforms draw independently for
/// each image of a batch, in batch order, from their own <see cref="Generator"/>.
/// </summary>
public abstract class Transform
{
    /// <summary>Applies the transform; returns a new tensor.</summary>
    public abstract Tensor Apply(Tensor input);

    /// <summary>Views a (C, H, W) image as a batch of one; checks the rank.</summary>
    private protected static Tensor AsBatch(Tensor input, string op)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Rank switch
        {
            3 => input.Contiguous().Unsqueeze(0),
            4 => input.Contiguous(),
            _ => throw new ShapeException($"{op}: expected an image (C, H, W) or a batch (N, C, H, W), got {input.ShapeString}"),
        };
    }

    /// <summary>Undoes <see cref="AsBatch"/> on the result: a (1, C, H, W) result of a (C, H, W) input loses its batch dimension.</summary>
    private protected static Tensor Restore(Tensor result, Tensor input) => input.Rank == 3 ? result.Squeeze(0) : result;

    /// <summary>Checks the image dtype (the random transforms copy pixels of any dtype; Normalize needs floats).</summary>
    private protected static void CheckFloat(Tensor input, string op)
    {
        if (!input.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"{op}: expected a float32 or float64 image, got {input.DType.Name()} {input.ShapeString}; convert with .To(DType.Float32) (and scale to [0, 1]) first");
        }
    }
}
