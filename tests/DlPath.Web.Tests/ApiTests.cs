using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DlPath.NN.Onnx;

namespace DlPath.Web.Tests;

/// <summary>The HTTP API on a real Kestrel: answers, batching, and a clear 4xx JSON error for every bad input.</summary>
public sealed class ApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Health_models_progress_and_openapi_answer()
    {
        using var health = JsonDocument.Parse(await Client.GetStringAsync("/api/health"));
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, health.RootElement.GetProperty("models").GetInt32());

        using var models = JsonDocument.Parse(await Client.GetStringAsync("/api/models"));
        var list = models.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["cnn", "mlp"], list.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(784 * 32 + 32 + 32 * 10 + 10, list[1].GetProperty("parameters").GetInt64());
        Assert.Equal("Trouser", list[1].GetProperty("labels")[1].GetString());

        using var progress = JsonDocument.Parse(await Client.GetStringAsync("/api/progress"));
        var summary = progress.RootElement.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("week").GetInt32());
        Assert.Equal(5.5, summary.GetProperty("hoursLogged").GetDouble());
        Assert.Equal(1, summary.GetProperty("tasksDone").GetInt32());
        Assert.Equal("batchnorm", progress.RootElement.GetProperty("labs")[0].GetProperty("labId").GetString());
        Assert.Equal(1, progress.RootElement.GetProperty("reviews").GetProperty("due").GetInt32());
        Assert.Equal(3.0, progress.RootElement.GetProperty("weeks")[0].GetProperty("logged").GetDouble());

        string openApi = await Client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/predict", openApi);
        Assert.Contains("/api/models", openApi);
    }

    [Fact]
    public async Task Json_prediction_matches_the_model_and_batches()
    {
        var pixels = TestModels.RandomPixels(3, seed: 5);
        var expected = TestModels.Probabilities(TestModels.Mlp(), pixels[0]);
        using var single = await PostJson("/api/predict?model=mlp", JsonSerializer.Serialize(new { pixels = pixels[0] }));
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        using var doc = JsonDocument.Parse(await single.Content.ReadAsStringAsync());
        var predictions = doc.RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(3, predictions.Count);
        int best = Array.IndexOf(expected, expected.Max());
        Assert.Equal(SequentialCheckpoint.FashionMnistLabels[best], predictions[0].GetProperty("label").GetString());
        Assert.InRange(predictions[0].GetProperty("probability").GetDouble(), expected[best] - 1e-5, expected[best] + 1e-5);
        Assert.True(predictions[0].GetProperty("probability").GetDouble() >= predictions[1].GetProperty("probability").GetDouble());

        using var batch = await PostJson("/api/predict?model=cnn&top=10", JsonSerializer.Serialize(new { batch = pixels }));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        using var bdoc = JsonDocument.Parse(await batch.Content.ReadAsStringAsync());
        var results = bdoc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        for (int i = 0; i < 3; i++)
        {
            var want = TestModels.Probabilities(TestModels.Cnn(), pixels[i]);
            foreach (var p in results[i].GetProperty("predictions").EnumerateArray())
            {
                double w = want[p.GetProperty("index").GetInt32()];
                Assert.InRange(p.GetProperty("probability").GetDouble(), w - 1e-5, w + 1e-5);
            }
        }
    }

    [Fact]
    public async Task Image_upload_returns_top3_and_a_28x28_preview()
    {
        using var response = await PostImage("/api/predict?model=cnn", TestModels.TrouserPng(), "image/png");
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(3, doc.RootElement.GetProperty("predictions").GetArrayLength());
        Assert.Equal(300, doc.RootElement.GetProperty("image").GetProperty("width").GetInt32());
        string preview = doc.RootElement.GetProperty("preview").GetString()!;
        Assert.StartsWith("data:image/png;base64,", preview);
        using var png = SkiaSharp.SKBitmap.Decode(Convert.FromBase64String(preview["data:image/png;base64,".Length..]));
        Assert.Equal((28, 28), (png.Width, png.Height));
    }

    [Fact]
    public async Task Concurrent_requests_are_micro_batched()
    {
        var model = server.Models.Get("mlp");
        long passesBefore = model.Batcher.ForwardPasses, examplesBefore = model.Batcher.Examples;
        var pixels = TestModels.RandomPixels(1, seed: 9)[0];
        string json = JsonSerializer.Serialize(new { pixels });
        var tasks = Enumerable.Range(0, 64).Select(async _ =>
        {
            using var r = await PostJson("/api/predict?model=mlp", json);
            return r.StatusCode;
        }).ToList();
        var codes = await Task.WhenAll(tasks);
        Assert.All(codes, c => Assert.Equal(HttpStatusCode.OK, c));
        Assert.Equal(64, model.Batcher.Examples - examplesBefore);
        // Not a speed claim: only that the loop did take several queued requests in one pass at least once.
        Assert.True(model.Batcher.ForwardPasses - passesBefore < 64, $"64 requests ran as {model.Batcher.ForwardPasses - passesBefore} forward passes");
    }

    [Theory]
    [InlineData("{\"pixels\": [0.1, 0.2", "malformed_json")]
    [InlineData("{\"pixels\": [NaN]}", "malformed_json")]
    [InlineData("[1, 2, 3]", "bad_request_shape")]
    [InlineData("{\"pixel\": []}", "bad_request_shape")]
    [InlineData("{\"pixels\": [0.5, 0.5]}", "wrong_pixel_count")]
    [InlineData("{\"pixels\": \"abc\"}", "bad_pixels")]
    [InlineData("{\"batch\": []}", "empty_batch")]
    [InlineData("{\"batch\": 3}", "bad_batch")]
    public async Task Bad_json_is_a_400_with_a_code(string body, string code) =>
        await AssertError(await PostJson("/api/predict", body), HttpStatusCode.BadRequest, code);

    [Fact]
    public async Task Nan_and_out_of_range_pixels_are_refused_by_position()
    {
        var pixels = Enumerable.Repeat("0.5", 784).ToArray();
        pixels[17] = "\"NaN\"";
        using var nan = await PostJson("/api/predict", $"{{\"pixels\":[{string.Join(',', pixels)}]}}");
        Assert.Contains("pixels[17]", await AssertError(nan, HttpStatusCode.BadRequest, "bad_pixel_value"));
        pixels[17] = "255";
        using var range = await PostJson("/api/predict", $"{{\"pixels\":[{string.Join(',', pixels)}]}}");
        Assert.Contains("divide 0-255 values by 255", await AssertError(range, HttpStatusCode.BadRequest, "pixel_out_of_range"));
    }

    [Fact]
    public async Task Bad_uploads_get_clear_4xx_errors()
    {
        using var text = await PostImage("/api/predict", Encoding.UTF8.GetBytes("hello, not an image"), "image/png");
        await AssertError(text, HttpStatusCode.BadRequest, "not_an_image");

        using var huge = await PostImage("/api/predict", PngHeaderOnly(8000, 6250), "image/png");
        Assert.Contains("8000x6250", await AssertError(huge, HttpStatusCode.BadRequest, "image_too_large"));

        using var noField = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        await AssertError(await Client.PostAsync("/api/predict", noField), HttpStatusCode.BadRequest, "missing_image");

        using var plain = new StringContent("pixels", Encoding.UTF8, "text/plain");
        await AssertError(await Client.PostAsync("/api/predict", plain), HttpStatusCode.UnsupportedMediaType, "unsupported_content_type");

        await AssertError(await PostJson("/api/predict?model=resnet", "{}"), HttpStatusCode.NotFound, "unknown_model");
        await AssertError(await PostJson("/api/predict?top=11", "{}"), HttpStatusCode.BadRequest, "bad_top");
        await AssertError(await Client.GetAsync("/api/nothing"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Oversized_body_is_413_json()
    {
        // 3 MiB against the fixture's 2 MiB limit: the same path a 1 GB upload takes, without sending a gigabyte.
        var big = new byte[3 * 1024 * 1024];
        using var json = new ByteArrayContent(big);
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await AssertError(await Client.PostAsync("/api/predict", json), HttpStatusCode.RequestEntityTooLarge, "request_too_large");

        using var multipart = await PostImage("/api/predict", big, "image/png");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, multipart.StatusCode);
        Assert.DoesNotContain("   at ", await multipart.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_render_the_dashboard_and_the_playground()
    {
        string dashboard = await Client.GetStringAsync("/");
        Assert.Contains("<svg id=\"gantt\"", dashboard);
        Assert.Contains("<svg id=\"phases\"", dashboard);
        Assert.Contains("<svg id=\"weeks\"", dashboard);
        Assert.Contains("batchnorm", dashboard);
        string playground = await Client.GetStringAsync("/playground");
        Assert.Contains("<option value=\"cnn\">", playground);
        using var css = await Client.GetAsync("/static/app.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        using var js = await Client.GetAsync("/static/playground.js");
        Assert.Contains("/api/predict", await js.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostJson(string url, string json) =>
        await Client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<HttpResponseMessage> PostImage(string url, byte[] bytes, string type)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Add(file, "image", "upload.png");
        return await Client.PostAsync(url, content);
    }

    private static async Task<string> AssertError(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", body);
        return error.GetProperty("message").GetString()!;
    }

    /// <summary>A PNG whose header says <paramref name="w"/>×<paramref name="h"/> with no pixel data: what a decompression bomb looks like to a size check.</summary>
    private static byte[] PngHeaderOnly(int w, int h)
    {
        using var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, w);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // grayscale
        Chunk(ms, "IHDR", ihdr);
        Chunk(ms, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(body);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(body));
        s.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        // PNG's CRC-32 (polynomial 0xEDB88320), bit by bit: a few bytes only.
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }

        return ~crc;
    }
}
