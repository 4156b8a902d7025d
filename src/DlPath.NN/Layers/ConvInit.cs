using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>torch's <c>_ConvNd.reset_parameters</c>, shared by every convolution layer.</summary>
internal static class ConvInit
{
    /// <summary>W ~ kaiming_uniform(a=√5); b ~ U(-1/√fan_in, 1/√fan_in) with fan_in computed from W.</summary>
    public static void Reset(Parameter weight, Parameter? bias, Generator? generator)
    {
        Init.KaimingUniform(weight, Math.Sqrt(5), generator: generator);
        if (bias is null) return;
        var (fanIn, _) = Init.CalculateFanInAndFanOut(weight);
        if (fanIn == 0) return;
        double bound = 1 / Math.Sqrt(fanIn);
        Init.Uniform(bias, -bound, bound, generator);
    }

    public static void CheckChannels(string layer, int inChannels, int outChannels, int groups)
    {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0)
        {
            throw new ArgumentException($"{layer}: in_channels ({inChannels}), out_channels ({outChannels}) and groups ({groups}) must be positive");
        }

        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"{layer}: groups={groups} must divide in_channels={inChannels} and out_channels={outChannels}");
        }
    }
}
