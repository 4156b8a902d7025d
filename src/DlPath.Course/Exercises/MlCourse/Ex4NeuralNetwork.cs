using DlPath.Plots;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>Exercise 4: a two-layer network for the digits, trained with backpropagation.</summary>
public static class Ex4NeuralNetwork
{
    /// <summary>Hidden units, as in the script.</summary>
    public const int HiddenSize = 25;

    /// <summary>Runs ex4.m.</summary>
    public static Ex4Result Run(ExerciseOptions options)
    {
        var data = new CourseData(options);
        var plots = new PlotSink(options.PlotsDirectory, "ex4");
        var digits = CourseDigits.Load(data, "ex4/ex4data1.mat");
        var weights = data.Mat("ex4/ex4weights.mat");
        var theta1Given = Mx.From(weights.GetMatrix("Theta1"));
        var theta2Given = Mx.From(weights.GetMatrix("Theta2"));
        int inputSize = digits.X.ColumnCount;

        double? j0 = null, j1 = null, j3 = null;
        if (digits.IsCourseData)
        {
            var given = NeuralNetworkCost.Unroll(theta1Given, theta2Given);
            j0 = NeuralNetworkCost.Compute(given, inputSize, HiddenSize, CourseDigits.ClassCount, digits.X, digits.Classes, 0).Cost;
            j1 = NeuralNetworkCost.Compute(given, inputSize, HiddenSize, CourseDigits.ClassCount, digits.X, digits.Classes, 1).Cost;
            j3 = NeuralNetworkCost.Compute(given, inputSize, HiddenSize, CourseDigits.ClassCount, digits.X, digits.Classes, 3).Cost;
        }
        double[] sigmoidGrad = new double[] { -1, -0.5, 0, 0.5, 1 }.Select(NeuralNetworkCost.SigmoidGradient).ToArray();
        double check0 = NeuralNetworkCost.CheckGradients(0);
        double check3 = NeuralNetworkCost.CheckGradients(3);

        var rng = new Random(options.Seed);
        var initial = NeuralNetworkCost.Unroll(
            NeuralNetworkCost.RandomInitialize(inputSize, HiddenSize, rng),
            NeuralNetworkCost.RandomInitialize(HiddenSize, CourseDigits.ClassCount, rng));
        var (trained, costs) = Fmincg.Minimize(
            p => NeuralNetworkCost.Compute(p, inputSize, HiddenSize, CourseDigits.ClassCount, digits.X, digits.Classes, 1), initial, 50);
        var (theta1, theta2) = NeuralNetworkCost.Reroll(trained, inputSize, HiddenSize, CourseDigits.ClassCount);
        double accuracy = Mx.AccuracyPercent(Ex3MultiClass.PredictNetwork(theta1, theta2, digits.X), digits.Classes);

        plots.Draw("hidden_layer.png", path => Images.Grid(path,
            Enumerable.Range(0, HiddenSize).Select(h => theta1.Row(h).SubVector(1, inputSize).ToArray()).ToList(),
            digits.ImageHeight, digits.ImageWidth, digits.ColumnMajor, scale: digits.ImageHeight == 20 ? 4 : 10));
        plots.Draw("given_hidden_layer.png", path => Images.Grid(path,
            Enumerable.Range(0, HiddenSize).Select(h => theta1Given.Row(h).SubVector(1, 400).ToArray()).ToList(), 20, 20, columnMajor: true, scale: 4));
        plots.Draw("training_cost.png", path => Charts.Lines(path, "Network training (fmincg, λ = 1)", "Iteration", "Cost J",
            [new("J", Enumerable.Range(1, costs.Count).Select(i => (double)i).ToArray(), costs.ToArray())]));

        return new Ex4Result
        {
            DigitsSource = digits.Source,
            Note = digits.Note is null ? null
                : digits.Note + "; the costs with the given weights (400 inputs) need the course's digits and are not computed",
            GivenWeightShapes = [theta1Given.RowCount, theta1Given.ColumnCount, theta2Given.RowCount, theta2Given.ColumnCount],
            CostGivenWeights = j0,
            CostGivenWeightsLambda1 = j1,
            CostGivenWeightsLambda3 = j3,
            SigmoidGradient = sigmoidGrad,
            GradientCheckRelativeDifference = check0,
            GradientCheckRelativeDifferenceLambda3 = check3,
            TrainAccuracy = accuracy,
            TrainingCosts = costs.ToArray(),
            Plots = plots.Written,
        };
    }
}
