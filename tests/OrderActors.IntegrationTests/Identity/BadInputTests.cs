using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class BadInputTests(ApiFactory factory)
{
    [Theory]
    [InlineData("/api/auth/token", "{\"email\":", "$.email")]
    [InlineData("/api/auth/token", "{\"email\":42,\"password\":\"x\"}", "$.email")]
    [InlineData("/api/auth/token", "{\"password\":\"long-enough-password\"}", "email")]
    [InlineData("/api/auth/token", "[]", "$")]
    [InlineData("/api/auth/refresh", "{}", "refreshToken")]
    [InlineData("/api/auth/refresh", "{\"refreshToken\":[1]}", "$.refreshToken")]
    [InlineData("/api/auth/password-reset", "{}", "email")]
    [InlineData("/api/auth/password-reset/confirm", "{\"token\":\"made-up\",\"newPassword\":\"long-enough-password-1\"}", "token")]
    public async Task Malformed_anonymous_bodies_are_400_problems_naming_the_field(string url, string body, string field)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync(url, IdentityHttp.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("{\"email\":\"not-an-email\",\"displayName\":\"X\",\"roles\":[]}", "email")]
    [InlineData("{\"email\":\"ok@shop.test\",\"displayName\":\"\",\"roles\":[]}", "displayName")]
    [InlineData("{\"email\":\"ok@shop.test\",\"displayName\":\"X\",\"roles\":[\"Pirate\"]}", "roles[0]")]
    [InlineData("{\"email\":\"ok@shop.test\",\"displayName\":\"X\",\"password\":\"short\",\"roles\":[]}", "password")]
    [InlineData("{\"email\":\"ok@shop.test\",\"displayName\":\"X\",\"roles\":\"Admin\"}", "$.roles")]
    public async Task Bad_user_bodies_are_400_and_create_nobody(string body, string field)
    {
        using var admin = factory.CreateAdminClient();
        var before = await factory.CountUsersAsync();

        var response = await admin.PostAsync("/api/users", IdentityHttp.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await factory.CountUsersAsync());
    }

    [Fact]
    public async Task Oversize_bodies_are_413_whether_declared_or_streamed_and_create_nobody()
    {
        using var admin = factory.CreateAdminClient();
        var before = await factory.CountUsersAsync();
        var huge = "{\"email\":\"big@shop.test\",\"displayName\":\"" + new string('x', 2 * 1024 * 1024) + "\",\"roles\":[]}";

        var declared = await admin.PostAsync("/api/users", IdentityHttp.Json(huge));
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        streamed.Headers.ContentType = new("application/json");
        streamed.Headers.ContentLength = null;
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = streamed };
        chunked.Headers.TransferEncodingChunked = true;
        var streamedResponse = await admin.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamedResponse.StatusCode);
        Assert.Equal(before, await factory.CountUsersAsync());
    }

    [Fact]
    public async Task Tampered_unsigned_and_foreign_tokens_are_401()
    {
        var valid = (await factory.IssueTokenForNewUserAsync([.. Permissions.All])).AccessToken;
        var parts = valid.Split('.');
        var payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[1]));
        var tamperedPayload = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload.Replace("Test User", "Evil User")));
        var noneHeader = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
        var foreignKey = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[64]);
        var foreign = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(payload,
            new Microsoft.IdentityModel.Tokens.SigningCredentials(foreignKey, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256));
        string[] bad =
        [
            $"{parts[0]}.{tamperedPayload}.{parts[2]}",
            $"{noneHeader}.{parts[1]}.",
            $"{noneHeader}.{parts[1]}",
            foreign,
            "not.a.jwt",
            new string('A', 5000),
        ];

        using var good = factory.CreateClient().WithBearer(valid);
        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("/api/users")).StatusCode);
        foreach (var token in bad)
        {
            using var client = factory.CreateClient().WithBearer(token);
            var response = await client.GetAsync("/api/users");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Wrong_content_types_and_empty_bodies_are_4xx_never_5xx()
    {
        using var admin = factory.CreateAdminClient();
        using var anonymous = factory.CreateClient();
        var responses = new[]
        {
            await anonymous.PostAsync("/api/auth/token", new StringContent("email=a&password=b", Encoding.UTF8, "application/x-www-form-urlencoded")),
            await anonymous.PostAsync("/api/auth/token", IdentityHttp.Json("")),
            await anonymous.PostAsync("/api/auth/token", IdentityHttp.Json("null")),
            await anonymous.PostAsync("/api/auth/logout", IdentityHttp.Json("{}")),
            await admin.PutAsync("/api/roles/Admin", IdentityHttp.Json("{\"permissions\":[]}")),
            await admin.PutAsync("/api/roles/bad%20name", IdentityHttp.Json("{\"permissions\":[]}")),
            await admin.PutAsync("/api/roles/Custom1", IdentityHttp.Json("{\"permissions\":[\"rockets.launch\"]}")),
            await admin.GetAsync("/api/audit?limit=0"),
            await admin.GetAsync("/api/audit?before=abc"),
        };

        Assert.All(responses, r => Assert.InRange((int)r.StatusCode, 400, 499));
    }
}
