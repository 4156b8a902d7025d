using DlPath.Tensors;

namespace DlPath.NN.Tests.Training;

public sealed class MetricTests
{
    private static readonly Tensor Scores = Tensor.FromArray(new float[,]
    {
        { 0.1f, 0.9f, 0.0f },   // predicts 1
        { 2.0f, 1.0f, 2.0f },   // tie: the first maximum, 0
        { 0.0f, 0.0f, 5.0f },   // predicts 2
        { 3.0f, -1f, 0.0f },    // predicts 0
    });

    private static readonly Tensor Labels = Tensor.FromArray(new long[] { 1, 0, 1, 2 });

    [Fact]
    public void Accuracy_counts_argmax_hits_across_batches()
    {
        var acc = new Accuracy();
        Assert.True(double.IsNaN(acc.Compute()));
        acc.Update(Scores, Labels);
        acc.Update(Scores.Narrow(0, 0, 1), Labels.Narrow(0, 0, 1));
        Assert.Equal(3, acc.Correct);
        Assert.Equal(5, acc.Total);
        Assert.Equal(0.6, acc.Compute(), 12);
        acc.Reset();
        Assert.Equal(0, acc.Total);
        var ex = Assert.Throws<ShapeException>(() => acc.Update(Scores, Tensor.FromArray(new long[] { 1, 0 })));
        Assert.Contains("(4,3)", ex.Message);
        Assert.Throws<ArgumentException>(() => acc.Update(Scores, Labels.To(DType.Float32)));
    }

    [Fact]
    public void ConfusionMatrix_rows_are_true_classes_and_columns_predictions()
    {
        var cm = new ConfusionMatrix(3);
        cm.Update(Scores, Labels);
        Assert.Equal(new long[,] { { 1, 0, 0 }, { 0, 1, 1 }, { 1, 0, 0 } }, cm.Counts);
        Assert.Equal(4, cm.Total);
        Assert.Equal(0.5, cm.Accuracy, 12);
        var ex = Assert.Throws<ArgumentException>(() => cm.Update(Scores, Tensor.FromArray(new long[] { 0, 0, 3, 0 })));
        Assert.Contains("row 2", ex.Message);
        Assert.Throws<ShapeException>(() => new ConfusionMatrix(4).Update(Scores, Labels));
    }

    [Fact]
    public void Predict_concatenates_eval_mode_outputs()
    {
        var model = new Sequential(new Linear(2, 3, generator: new Generator(1)), new Dropout(0.5));
        var data = ToyProblems.Blobs(10, 2);
        var predicted = model.Predict(new DataLoader(data, batchSize: 4));
        Assert.True(model.Training);
        model.Eval();
        using var _ = Tensor.NoGrad();
        Assert.Equal(model.Call(data.Inputs).ToArray<float>(), predicted.ToArray<float>());
    }
}
