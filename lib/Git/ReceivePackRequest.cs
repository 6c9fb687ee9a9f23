using System.Text;
using System.Text.RegularExpressions;

namespace GitLabLite.Git;

/// <summary>
/// The start of a git-receive-pack request body, read before git sees it: the ref update commands
/// (gitprotocol-pack "Reference Update Request", pkt-lines up to the first empty packet, as receive-pack's
/// read_head_info reads them, push certificates included), and a stream that replays those bytes and then the rest
/// of the body, so that git reads exactly what the client sent.
/// </summary>
public sealed partial class ReceivePackRequest
{
    /// <summary>A command list longer than this (some 150,000 refs) is refused rather than held in memory.</summary>
    public const int MaxCommandBytes = 16 << 20;

    // "<old> <new> <ref>", as receive-pack's queue_command and queue_commands_from_cert parse it (SHA-1 or SHA-256).
    [GeneratedRegex(@"^(?<old>[0-9a-f]{40}(?:[0-9a-f]{24})?) (?<new>[0-9a-f]{40}(?:[0-9a-f]{24})?) (?<ref>[^\0\n]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Command();

    private ReceivePackRequest(IReadOnlyList<ReceivePackCommand> commands, Stream body)
    {
        Commands = commands;
        Body = body;
    }

    public IReadOnlyList<ReceivePackCommand> Commands { get; }

    /// <summary>The whole body as received: the command bytes read here, then the rest.</summary>
    public Stream Body { get; }

    /// <summary>
    /// Reads the commands off <paramref name="body"/>; null when they are longer than <see cref="MaxCommandBytes"/>.
    /// A malformed start is passed on as it is: git refuses it, and nothing it could apply went unread here.
    /// </summary>
    public static async Task<ReceivePackRequest?> ReadAsync(Stream body, CancellationToken ct)
    {
        var seen = new MemoryStream();
        var commands = new List<ReceivePackCommand>();
        var header = new byte[4];
        while (true)
        {
            var got = await body.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, ct);
            seen.Write(header, 0, got);
            if (got < 4 || !int.TryParse(Encoding.ASCII.GetString(header), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var length)) break;
            // 0000 flush, 0001 delim, 0002 response-end and 0004 (empty) all end the list for receive-pack; 0003 is invalid.
            if (length <= 4) break;
            if (seen.Length + length > MaxCommandBytes) return null;
            var payload = new byte[length - 4];
            got = await body.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, ct);
            seen.Write(payload, 0, got);
            if (got < payload.Length) break;
            if (Command().Match(Encoding.UTF8.GetString(payload)) is { Success: true } m)
                commands.Add(new ReceivePackCommand(m.Groups["old"].Value, m.Groups["new"].Value, m.Groups["ref"].Value));
        }
        return new ReceivePackRequest(commands, new ReplayStream(seen.ToArray(), body));
    }

    /// <summary>Reads <paramref name="prefix"/>, then <paramref name="rest"/>.</summary>
    private sealed class ReplayStream(byte[] prefix, Stream rest) : Stream
    {
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_offset >= prefix.Length) return rest.Read(buffer);
            var n = Math.Min(buffer.Length, prefix.Length - _offset);
            prefix.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset >= prefix.Length) return await rest.ReadAsync(buffer, cancellationToken);
            var n = Math.Min(buffer.Length, prefix.Length - _offset);
            prefix.AsMemory(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
