using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace DlPath.Web;

/// <summary>
/// <c>POST /api/predict</c>: a multipart upload (field <c>image</c>, PNG or JPEG) or JSON — <c>{"pixels":[784
/// numbers in [0, 1]]}</c> for one example, <c>{"batch":[[784], [784], ...]}</c> for several — answered with the
/// top classes and their probabilities. Query <c>model=NAME</c> picks the checkpoint (default: the first), and
/// <c>top=K</c> how many classes to return (default 3). Every malformed input is an <see cref="ApiException"/>.
/// </summary>
internal static class PredictionApi
{
    public static async Task<IResult> PredictAsync(HttpContext http, ModelRegistry models, ServeOptions options)
    {
        var request = http.Request;
        var model = models.Get(request.Query["model"]);
        int top = ParseTop(request.Query["top"], model.Checkpoint.Labels.Count);
        var ct = http.RequestAborted;
        if (request.HasFormContentType)
        {
            var image = await ReadImageAsync(request, options, ct);
            RequireImageModel(model);
            var probabilities = await model.PredictAsync([image.Pixels], ct);
            return Results.Json(new
            {
                model = model.Name,
                predictions = Top(probabilities[0], model, top),
                preview = "data:image/png;base64," + Convert.ToBase64String(ImagePreprocessor.PreviewPng(image.Pixels)),
                image = new { width = image.OriginalWidth, height = image.OriginalHeight, format = image.Format },
            });
        }

        if (request.HasJsonContentType())
        {
            var (examples, batch) = await ReadJsonAsync(request, model, options.MaxBatch, ct);
            var probabilities = await model.PredictAsync(examples, ct);
            return batch
                ? Results.Json(new { model = model.Name, results = probabilities.Select(p => new { predictions = Top(p, model, top) }) })
                : Results.Json(new { model = model.Name, predictions = Top(probabilities[0], model, top) });
        }

        throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "unsupported_content_type",
            $"send multipart/form-data with a file field 'image', or application/json with \"pixels\" or \"batch\" (got '{request.ContentType ?? "no content type"}')");
    }

    private static int ParseTop(string? text, int classes)
    {
        if (string.IsNullOrEmpty(text)) return Math.Min(3, classes);
        if (!int.TryParse(text, out int top) || top < 1 || top > classes)
        {
            throw ApiException.BadRequest("bad_top", $"top must be a whole number from 1 to {classes}, got '{text}'");
        }

        return top;
    }

    private static object[] Top(float[] probabilities, ServedModel model, int k) => probabilities
        .Select((p, i) => (p, i))
        .OrderByDescending(t => t.p)
        .Take(k)
        .Select(t => (object)new { label = t.i < model.Checkpoint.Labels.Count ? model.Checkpoint.Labels[t.i] : $"class {t.i}", index = t.i, probability = Math.Round(t.p, 6) })
        .ToArray();

    private static void RequireImageModel(ServedModel model)
    {
        if (model.InputSize != ImagePreprocessor.Side * ImagePreprocessor.Side)
        {
            throw ApiException.BadRequest("not_an_image_model", $"model '{model.Name}' takes inputs of shape ({string.Join(", ", model.Checkpoint.InputShape)}); image uploads are for 28x28 grayscale models");
        }
    }

    private static async Task<PreprocessedImage> ReadImageAsync(HttpRequest request, ServeOptions options, CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e)
        {
            // The form reader's own limits (multipart body, header, boundary length).
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, "upload_too_large", $"the upload exceeds a form limit: {e.Message}");
        }

        var file = form.Files.GetFile("image") ?? throw ApiException.BadRequest("missing_image", "the multipart form has no file field 'image'");
        if (file.Length > options.MaxRequestBytes)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, "upload_too_large", $"the image is {file.Length} bytes; the limit is {options.MaxRequestBytes}");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return ImagePreprocessor.Process(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options.MaxImagePixels);
    }

    private static async Task<(IReadOnlyList<float[]> Examples, bool Batch)> ReadJsonAsync(HttpRequest request, ServedModel model, int maxBatch, CancellationToken ct)
    {
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 8 }, ct);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("malformed_json", $"the body is not valid JSON: {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("bad_request_shape", "the JSON body must be an object with \"pixels\" (one example) or \"batch\" (a list of examples)");
            if (root.TryGetProperty("pixels", out var pixels)) return ([ReadExample(pixels, model, "pixels")], false);
            if (root.TryGetProperty("batch", out var batch))
            {
                if (batch.ValueKind != JsonValueKind.Array) throw ApiException.BadRequest("bad_batch", "\"batch\" must be a list of examples, each a list of numbers");
                int n = batch.GetArrayLength();
                if (n == 0) throw ApiException.BadRequest("empty_batch", "\"batch\" is empty");
                if (n > maxBatch) throw new ApiException(StatusCodes.Status413PayloadTooLarge, "batch_too_large", $"\"batch\" has {n} examples; the limit is {maxBatch}");
                return (batch.EnumerateArray().Select((e, i) => ReadExample(e, model, $"batch[{i}]")).ToList(), true);
            }

            throw ApiException.BadRequest("bad_request_shape", "the JSON object has neither \"pixels\" (one example) nor \"batch\" (a list of examples)");
        }
    }

    private static float[] ReadExample(JsonElement element, ServedModel model, string where)
    {
        int size = model.InputSize;
        if (element.ValueKind != JsonValueKind.Array) throw ApiException.BadRequest("bad_pixels", $"{where} must be a list of {size} numbers");
        int n = element.GetArrayLength();
        if (n != size)
        {
            throw ApiException.BadRequest("wrong_pixel_count", $"{where} has {n} values; model '{model.Name}' takes {size} ({string.Join("x", model.Checkpoint.InputShape)})");
        }

        var values = new float[n];
        int i = 0;
        foreach (var v in element.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || !double.IsFinite(d))
            {
                throw ApiException.BadRequest("bad_pixel_value", $"{where}[{i}] is {v.GetRawText()}, not a finite number");
            }

            if (d < 0 || d > 1)
            {
                throw ApiException.BadRequest("pixel_out_of_range", $"{where}[{i}] is {d}; pixels are in [0, 1] (divide 0-255 values by 255)");
            }

            values[i++] = (float)d;
        }

        return values;
    }

    /// <summary>Applies the upload limits to the form reader too (its defaults are larger than ours).</summary>
    public static void ConfigureForm(FormOptions form, ServeOptions options)
    {
        form.MultipartBodyLengthLimit = options.MaxRequestBytes;
        form.ValueLengthLimit = 64 * 1024;
        form.ValueCountLimit = 64;
    }
}
