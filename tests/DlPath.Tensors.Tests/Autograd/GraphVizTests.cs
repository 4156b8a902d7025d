using System.Text.RegularExpressions;
using DlPath.Tensors.Autograd;

namespace DlPath.Tensors.Tests.Autograd;

/// <summary>The DOT export: one node per op and per tensor, edges along the data flow, values and gradients of small tensors.</summary>
public class GraphVizTests
{
    [Fact]
    public void DrawsOpsTensorsEdgesValuesAndGradients()
    {
        var w = Tensor.FromArray(new double[] { 2, -1 }).RequireGrad();
        var x = Tensor.FromArray(new double[] { 0.5, 3 });
        var loss = (w * x).Sum();
        loss.Backward();
        string dot = loss.ToDot();

        Assert.StartsWith("digraph autograd {", dot);
        Assert.EndsWith("}" + Environment.NewLine, dot);
        var ops = Regex.Matches(dot, @"(op\d+) \[shape=box[^\]]*label=""(\w+)""\]").ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        Assert.Equal(["MulBackward", "SumBackward"], ops.Keys.Order());
        var tensors = Regex.Matches(dot, @"(t\d+) \[shape=ellipse[^\]]*label=""([^""]*)""\]").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(4, tensors.Count); // loss, w*x, w, x

        string Id(string prefix) => tensors.Single(t => t.Value.StartsWith(prefix, StringComparison.Ordinal)).Key;
        string lossId = Id("output"), wId = Id("leaf (requires grad)"), xId = Id("constant"), mulId = Id("intermediate");
        Assert.Contains(@"leaf (requires grad)\n(2) float64\nvalue [2, -1]\ngrad [0.5, 3]", tensors[wId]);
        Assert.Contains(@"value [0.5, 3]", tensors[xId]);
        Assert.Contains(@"value [-2]", tensors[lossId]); // 2*0.5 - 1*3

        // Data flows w, x -> Mul -> (w*x) -> Sum -> loss.
        var edges = Regex.Matches(dot, @"(\w+) -> (\w+);").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToHashSet();
        Assert.Equal(
            new HashSet<(string, string)> { (wId, ops["MulBackward"]), (xId, ops["MulBackward"]), (ops["MulBackward"], mulId), (mulId, ops["SumBackward"]), (ops["SumBackward"], lossId) },
            edges);
    }

    [Fact]
    public void SharedInputsAppearOnceAndLargeTensorsShowOnlyShapes()
    {
        var a = Tensor.Ones([3, 4], DType.Float64).RequireGrad();
        var y = (a * a + a).Sum();
        string dot = GraphViz.ToDot(y, maxValues: 4);
        Assert.Single(Regex.Matches(dot, @"leaf \(requires grad\)"));
        Assert.DoesNotContain("value [1, 1", dot);
        Assert.Contains(@"(3,4) float64", dot);
        Assert.Equal(3, Regex.Matches(dot, "shape=box").Count); // Mul, Add, Sum

        // A leaf with no graph is a single node.
        Assert.Single(Regex.Matches(a.ToDot(), "shape=ellipse"));
    }
}
