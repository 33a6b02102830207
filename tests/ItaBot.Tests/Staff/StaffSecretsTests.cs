using ItaBot.Staff;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace ItaBot.Tests.Staff;

public sealed class StaffSecretsTests
{
    private static StaffAccount Account(string hash) => new()
    {
        Id = "a1", UserName = "somchai", DisplayName = "สมชาย", Role = StaffRole.CaseOfficer, PasswordHash = hash,
    };

    [Fact]
    public void PasswordHash_IsSaltedPbkdf2_AndOnlyTheRightPasswordVerifies()
    {
        var passwords = new StaffPasswords();

        var first = passwords.Hash("รหัสผ่านยาว-12345");
        var second = passwords.Hash("รหัสผ่านยาว-12345");

        Assert.NotEqual(first, second);                                         // salted
        Assert.Equal(0x01, Convert.FromBase64String(first)[0]);                 // PasswordHasher format v3: PBKDF2
        Assert.DoesNotContain("12345", first, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, passwords.Verify(Account(first), "รหัสผ่านยาว-12345"));
        Assert.Equal(PasswordVerificationResult.Failed, passwords.Verify(Account(first), "รหัสผ่านยาว-12346"));
    }

    [Fact]
    public void OneTimePassword_IsThreeGroupsWithoutLookAlikes_AndDiffersEachTime()
    {
        var one = StaffPasswords.NewOneTimePassword();

        Assert.Matches("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", one);
        Assert.DoesNotContain(one, c => c is 'l' or 'o' or 'i' or '0' or '1');
        Assert.NotEqual(one, StaffPasswords.NewOneTimePassword());
    }

    [Fact]
    public void NewPassword_TooShortOrContainingTheUserName_IsRefusedInThai()
    {
        Assert.Contains("อย่างน้อย", StaffPasswords.Problem("short", "somchai"), StringComparison.Ordinal);
        Assert.NotNull(StaffPasswords.Problem("xxSomchaiXX-2024", "somchai"));
        Assert.Null(StaffPasswords.Problem("ลมหนาวมาแล้ว-2568", "somchai"));
    }

    [Fact]
    public void Totp_CurrentCode_IsAcceptedOnce_TheSameWindowAgainIsRefused()
    {
        var secret = StaffTotp.NewSecret();
        var now = new DateTimeOffset(2026, 11, 27, 3, 0, 10, TimeSpan.Zero);
        var code = StaffTotp.Compute(secret, now);

        var step = StaffTotp.Verify(secret, code, now, lastStep: 0);

        Assert.Equal(now.ToUnixTimeSeconds() / 30, step);
        Assert.Null(StaffTotp.Verify(secret, code, now.AddSeconds(5), lastStep: step!.Value));
        Assert.Null(StaffTotp.Verify(secret, code, now, lastStep: step.Value + 1));
    }

    [Fact]
    public void Totp_PhoneClockOneWindowOff_IsAccepted_TwoWindowsOff_IsRefused()
    {
        var secret = StaffTotp.NewSecret();
        var now = new DateTimeOffset(2026, 11, 27, 3, 0, 10, TimeSpan.Zero);

        Assert.NotNull(StaffTotp.Verify(secret, StaffTotp.Compute(secret, now.AddSeconds(-30)), now, 0));
        Assert.NotNull(StaffTotp.Verify(secret, StaffTotp.Compute(secret, now.AddSeconds(30)), now, 0));
        Assert.Null(StaffTotp.Verify(secret, StaffTotp.Compute(secret, now.AddSeconds(-70)), now, 0));
        Assert.Null(StaffTotp.Verify(secret, StaffTotp.Compute(secret, now.AddSeconds(70)), now, 0));
        Assert.Null(StaffTotp.Verify(secret, "12345", now, 0));
        Assert.Null(StaffTotp.Verify(secret, "abcdef", now, 0));
    }

    [Fact]
    public void Totp_SecretAndUri_AreWhatAuthenticatorAppsRead()
    {
        var secret = StaffTotp.NewSecret();

        Assert.Equal(20, Base32Encoding.ToBytes(secret).Length);
        Assert.StartsWith("otpauth://totp/ItaBot:somchai?secret=" + secret, StaffTotp.Uri(secret, "somchai"), StringComparison.Ordinal);
        Assert.Equal(secret, StaffTotp.Grouped(secret).Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.StartsWith("data:image/png;base64,iVBOR", StaffTotp.QrDataUri(StaffTotp.Uri(secret, "somchai")), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_ValuesInHoles_AreEncoded_MarkupAndThaiStayAsTheyAre()
    {
        var typed = "<script>alert('x')</script> \"สมชาย\"";

        var html = Html.Of($"<p title=\"{typed}\">{typed}{Html.Of($"<b>{typed}</b>")}</p>").Value;

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;สมชาย&quot;", html, StringComparison.Ordinal);
        Assert.StartsWith("<p title=\"&lt;script", html, StringComparison.Ordinal);
        Assert.Contains("<b>&lt;script", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("เชื่อมต่อ 123456", "123456", true)]
    [InlineData("เชื่อมต่อ ๑๒๓ ๔๕๖", "123456", true)]
    [InlineData("link 654321", "654321", true)]
    [InlineData(" 123456 ", "123456", false)]
    [InlineData("เชื่อมต่อ 12345", null, false)]
    [InlineData("โทร 0812345678", null, false)]
    public void LinkCode_TypedForms_AreRecognised(string text, string? code, bool isCommand)
    {
        var (parsed, command) = StaffLinkInterruption.Parse(text);

        Assert.Equal(code, parsed);
        Assert.Equal(isCommand, command);
    }
}
