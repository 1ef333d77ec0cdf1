using Microsoft.Extensions.Logging;

namespace OrderActors.Notifications;

/// <summary>The default sender until a real one is registered: it records what would have been sent.</summary>
public sealed class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : IEmailSender
{
    public Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("Email to {To}: {Subject}", to, subject);
        return Task.CompletedTask;
    }
}
