using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.Files;

namespace OrderActors.IntegrationTests.Returns;

/// <summary>Return photos in an S3-compatible bucket (a real s3rver): same limits as on local disk, nothing written on a 400.</summary>
public sealed class S3AttachmentsTests(S3ReturnsApiFactory factory) : IClassFixture<S3ReturnsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.PosUse, Permissions.ReturnsWrite, Permissions.ReturnsApprove);

    [Fact]
    public async Task A_photo_is_stored_as_an_object_and_downloaded_from_the_bucket()
    {
        var id = await CreateReturnAsync();
        var png = Png(300);

        var response = await UploadAsync(id, "sleeve.png", "image/png", png);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = Assert.Single(await factory.S3.KeysAsync($"{S3ReturnsApiFactory.KeyPrefix}returns/{id:N}/"));
        Assert.EndsWith(".png", key);
        Assert.Equal(png, await _client.GetByteArrayAsync(response.Headers.Location!.OriginalString));
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "attachments")));
    }

    [Theory]
    [InlineData("photo.txt", "text/plain", "hello", "contentType")]
    [InlineData("photo.png", "image/png", "<html>not a png</html>", "contentType")]
    [InlineData("../../photo.png", "image/png", null, "fileName")]
    [InlineData("big.png", "image/png", "BIG", "file")]
    public async Task Bad_attachments_are_a_400_naming_the_field_and_no_object_is_written(string fileName, string contentType, string? text, string field)
    {
        var id = await CreateReturnAsync();
        byte[] bytes = text switch
        {
            null => Png(64),
            "BIG" => Png((int)ReturnsApiFactory.MaxAttachmentBytes + 1),
            _ => Encoding.UTF8.GetBytes(text),
        };

        var response = await UploadAsync(id, fileName, contentType, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty(await factory.S3.KeysAsync($"{S3ReturnsApiFactory.KeyPrefix}returns/{id:N}/"));
        Assert.DoesNotContain(await factory.S3.KeysAsync(""), k => k.Contains("photo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_storage_saves_reads_and_deletes_objects_and_refuses_keys_that_leave_its_prefix()
    {
        using var storage = new S3FileStorage(factory.S3.Options(keyPrefix: "contract/"));
        var key = $"returns/{Guid.NewGuid():N}/a.png";
        var bytes = Png(100);

        await storage.SaveAsync(key, new NonSeekableStream(bytes));
        await using (var read = await storage.OpenReadAsync(key))
        {
            Assert.NotNull(read);
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }
        await storage.DeleteAsync(key);

        Assert.Null(await storage.OpenReadAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.SaveAsync("../escape.png", new MemoryStream(bytes)));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.SaveAsync("/absolute.png", new MemoryStream(bytes)));
        Assert.Empty(await factory.S3.KeysAsync("contract/"));
        Assert.DoesNotContain(await factory.S3.KeysAsync(""), k => k.Contains("escape", StringComparison.Ordinal) || k.Contains("absolute", StringComparison.Ordinal));
    }

    private static byte[] Png(int size)
    {
        var bytes = new byte[size];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    private Task<HttpResponseMessage> UploadAsync(Guid returnId, string fileName, string contentType, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return _client.PostAsync($"/api/returns/{returnId}/attachments", new MultipartFormDataContent { { file, "file", fileName } });
    }

    private async Task<Guid> CreateReturnAsync()
    {
        var receipt = $"R-S3-{Guid.NewGuid():N}";
        var json = $$"""
            {"platform":"Pos","platformOrderId":"{{receipt}}","terminalId":"T-01","storeId":"STORE1","customer":{"name":"Walk-in"},
             "currency":"IDR","items":[{"sku":"TEE-RED-M","name":"Item","quantity":1,"unitPrice":55000}]}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pos/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"order-{receipt}");
        var order = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        var orderId = (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await _client.PostAsJsonAsync("/api/returns",
            new { orderId, channel = "InStore", location = "STORE1-FLOOR", items = new[] { new { sku = "TEE-RED-M", quantity = 1, reasonCode = "size-fit" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>An upload stream that cannot seek, like a network body.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
