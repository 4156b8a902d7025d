using System.Globalization;
using DlPath.Plots;
using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// Exercise 2: logistic regression. Part one predicts university admission from two exam scores (ex2data1); part two
/// decides microchip quality from two tests with 28 polynomial features and regularisation (ex2data2).
/// </summary>
public static class Ex2LogisticRegression
{
    /// <summary>Runs ex2.m and ex2_reg.m.</summary>
    public static Ex2Result Run(ExerciseOptions options)
    {
        var data = new CourseData(options);
        var plots = new PlotSink(options.PlotsDirectory, "ex2");

        // ----- ex2.m -----
        var d1 = Mx.From(data.Text("ex2/ex2data1.txt"));
        var scores = d1.SubMatrix(0, d1.RowCount, 0, 2);
        var admitted = d1.Column(2);
        var x = Mx.AddOnes(scores);
        var (costZero, gradZero) = LogisticCost.Compute(Mx.V.Dense(3), x, admitted);
        var (costTest, gradTest) = LogisticCost.Compute(Mx.V.DenseOfArray([-24, 0.2, 0.2]), x, admitted);
        // The script uses fminunc (400 iterations); the course's own fmincg reaches the same minimum of this convex cost.
        var (theta, _) = Fmincg.Minimize(t => LogisticCost.Compute(t, x, admitted), Mx.V.Dense(3), 400);
        double optimizedCost = LogisticCost.Compute(theta, x, admitted).Cost;
        double prob = Mx.Sigmoid(Mx.V.DenseOfArray([1, 45, 85]).DotProduct(theta));
        int[] labels1 = admitted.Select(v => (int)v).ToArray();
        double accuracy = Mx.AccuracyPercent(LogisticCost.Predict(theta, x), labels1);

        var names1 = new Dictionary<int, string> { [1] = "Admitted", [0] = "Not admitted" };
        plots.Draw("data.png", path =>
        {
            using var fig = new Figure("Admission by exam scores", "Exam 1 score", "Exam 2 score");
            Charts.ScatterByClass(fig, scores.Column(0).ToArray(), scores.Column(1).ToArray(), labels1, names1);
            fig.SavePng(path);
        });
        plots.Draw("decision_boundary.png", path =>
        {
            using var fig = new Figure("Training data with decision boundary", "Exam 1 score", "Exam 2 score");
            Charts.ScatterByClass(fig, scores.Column(0).ToArray(), scores.Column(1).ToArray(), labels1, names1);
            // θ₀ + θ₁x₁ + θ₂x₂ = 0 is a straight line: two end points suffice, as in plotDecisionBoundary.
            double lo = scores.Column(0).Minimum() - 2, hi = scores.Column(0).Maximum() + 2;
            fig.Line([lo, hi], [-(theta[0] + theta[1] * lo) / theta[2], -(theta[0] + theta[1] * hi) / theta[2]], "Decision boundary", ScottPlot.Colors.Black);
            fig.Limits(30, 100, 30, 100);
            fig.SavePng(path);
        });

        // ----- ex2_reg.m -----
        var d2 = Mx.From(data.Text("ex2/ex2data2.txt"));
        var t1 = d2.Column(0);
        var t2 = d2.Column(1);
        var accepted = d2.Column(2);
        int[] labels2 = accepted.Select(v => (int)v).ToArray();
        var xm = LogisticCost.MapFeature(t1, t2);
        var (regCostZero, regGradZero) = LogisticCost.Compute(Mx.V.Dense(xm.ColumnCount), xm, accepted, 1);
        var (regCostOnes, regGradOnes) = LogisticCost.Compute(Mx.V.Dense(xm.ColumnCount, 1.0), xm, accepted, 10);
        var byLambda = new Dictionary<string, double>();
        double regAccuracy = 0;
        foreach (var lambda in new[] { 0.0, 1, 10, 100 })
        {
            var (thetaReg, _) = Fmincg.Minimize(t => LogisticCost.Compute(t, xm, accepted, lambda), Mx.V.Dense(xm.ColumnCount), 400);
            double acc = Mx.AccuracyPercent(LogisticCost.Predict(thetaReg, xm), labels2);
            var key = lambda.ToString(CultureInfo.InvariantCulture);
            byLambda[key] = acc;
            if (lambda == 1)
            {
                regAccuracy = acc;
            }
            plots.Draw($"reg_decision_boundary_lambda_{key}.png", path =>
            {
                using var fig = new Figure($"λ = {key}: training accuracy {acc:0.0} %", "Microchip Test 1", "Microchip Test 2");
                Charts.ScatterByClass(fig, t1.ToArray(), t2.ToArray(), labels2, new Dictionary<int, string> { [1] = "y = 1", [0] = "y = 0" });
                fig.DecisionBoundary((u, v) => LogisticCost.MapFeature(Mx.V.DenseOfArray([u]), Mx.V.DenseOfArray([v])).Row(0).DotProduct(thetaReg),
                    -1, 1.5, -1, 1.5, resolution: 50);
                fig.Limits(-1, 1.5, -1, 1.5);
                fig.SavePng(path);
            });
        }

        return new Ex2Result
        {
            CostAtZero = costZero,
            GradientAtZero = gradZero.ToArray(),
            CostAtTestTheta = costTest,
            GradientAtTestTheta = gradTest.ToArray(),
            OptimizedTheta = theta.ToArray(),
            OptimizedCost = optimizedCost,
            AdmissionProbability = prob,
            TrainAccuracy = accuracy,
            RegCostAtZero = regCostZero,
            RegGradientAtZeroFirst5 = regGradZero.SubVector(0, 5).ToArray(),
            RegCostAtOnes = regCostOnes,
            RegGradientAtOnesFirst5 = regGradOnes.SubVector(0, 5).ToArray(),
            RegTrainAccuracy = regAccuracy,
            RegTrainAccuracyByLambda = byLambda,
            Plots = plots.Written,
        };
    }
}
