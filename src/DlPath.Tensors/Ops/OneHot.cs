namespace DlPath.Tensors;

// One-hot encoding of class labels.
public sealed partial class Tensor
{
    /// <summary>
    /// One-hot encodes int64 class labels (<c>torch.nn.functional.one_hot</c>,
    /// https://pytorch.org/docs/stable/generated/torch.nn.functional.one_hot.html): the result is int64 with a
    /// new last dim of <paramref name="numClasses"/> (-1: the largest label + 1) holding a 1 at each label.
    /// </summary>
    public Tensor OneHot(int numClasses = -1)
    {
        if (DType != DType.Int64)
        {
            throw new ArgumentException($"one_hot: expects an int64 tensor of class labels, got {DType.Name()} {ShapeString}; convert with Long()");
        }

        var labels = ToArray<long>();
        long min = labels.Length == 0 ? 0 : labels.Min(), max = labels.Length == 0 ? -1 : labels.Max();
        if (numClasses == -1)
        {
            if (labels.Length == 0) throw new ArgumentException("one_hot: cannot infer the number of classes from an empty tensor; pass numClasses");
            numClasses = checked((int)(max + 1));
        }

        if (numClasses < 1 && labels.Length > 0) throw new ArgumentException($"one_hot: numClasses must be positive, got {numClasses}");
        if (min < 0) throw new ArgumentException($"one_hot: class labels must be non-negative, found {min}");
        if (max >= numClasses) throw new ArgumentException($"one_hot: class label {max} is out of range for {numClasses} classes (labels must be < numClasses)");

        var shape = new int[Rank + 1];
        _shape.CopyTo(shape, 0);
        shape[Rank] = numClasses;
        var result = Empty<long>(shape);
        var d = result.Data<long>();
        for (int i = 0; i < labels.Length; i++) d[(i * numClasses) + (int)labels[i]] = 1;
        return result;
    }
}
