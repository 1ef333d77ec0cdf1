namespace OrderActors.Email;

/// <summary><c>OrderActors:Email</c>. Without <see cref="SmtpHost"/> mail goes to the development sink (logged, kept in memory).</summary>
public sealed class EmailOptions
{
    public const string Section = "OrderActors:Email";

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "orderactors@localhost";
}
