using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrderActors.Email;

/// <summary>
/// Used when no SMTP relay is configured: logs each message and keeps the most recent ones in memory, so a developer
/// (or a test) can read a password reset mail without a mail server.
/// </summary>
public sealed class DevelopmentEmailSink(ILogger<DevelopmentEmailSink> logger) : IEmailSender
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<EmailMessage> _messages = new();

    public IReadOnlyList<EmailMessage> Messages => _messages.ToArray();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Development email sink (no SMTP configured) — to {To}: {Subject}\n{Body}", message.To, message.Subject, message.Body);
        _messages.Enqueue(message);
        while (_messages.Count > Kept && _messages.TryDequeue(out _))
        {
        }
        return Task.CompletedTask;
    }
}
