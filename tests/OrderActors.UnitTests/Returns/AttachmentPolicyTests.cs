using OrderActors.Files;

namespace OrderActors.UnitTests.Returns;

public sealed class AttachmentPolicyTests
{
    [Theory]
    [InlineData("../../etc/passwd.png")]
    [InlineData("..\\evil.png")]
    [InlineData("/abs/photo.png")]
    [InlineData("C:photo.png")]
    [InlineData(".hidden.png")]
    [InlineData("photo\u0000.png")]
    [InlineData("")]
    public void Names_that_could_be_paths_are_refused(string name)
    {
        Assert.NotNull(AttachmentPolicy.FileNameProblem(name));
    }

    [Fact]
    public void A_plain_name_is_accepted()
    {
        Assert.Null(AttachmentPolicy.FileNameProblem("scratch on sleeve (1).jpg"));
    }

    [Fact]
    public void Content_must_match_the_declared_image_type()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        Assert.True(AttachmentPolicy.MatchesSignature("image/png", png));
        Assert.False(AttachmentPolicy.MatchesSignature("image/jpeg", png));
        Assert.False(AttachmentPolicy.MatchesSignature("image/png", "<html>"u8));
    }

    [Theory]
    [InlineData("returns/abc/def.png", true)]
    [InlineData("returns/../x.png", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a//b", false)]
    public void Storage_keys_stay_inside_the_root(string key, bool safe)
    {
        Assert.Equal(safe, FileStorageKey.IsSafe(key));
    }
}
