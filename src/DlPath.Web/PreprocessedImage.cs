namespace DlPath.Web;

/// <summary>An upload after <see cref="ImagePreprocessor"/>: the model's 784 inputs and what the upload was.</summary>
/// <param name="Pixels">28×28 values in [0, 1], row by row.</param>
/// <param name="OriginalWidth">The upload's width.</param>
/// <param name="OriginalHeight">The upload's height.</param>
/// <param name="Format">png or jpeg.</param>
public sealed record PreprocessedImage(float[] Pixels, int OriginalWidth, int OriginalHeight, string Format);
