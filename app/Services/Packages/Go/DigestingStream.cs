using System.Security.Cryptography;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// A write-only pass-through that hashes what is written to the inner stream, so a zip's SHA-256 comes for free while
/// it is written. Never seekable, on purpose: the zip writer is forward-only, as Go's own.
/// </summary>
public sealed class DigestingStream(Stream inner, Action<string> onDisposed, bool leaveInnerOpen = false) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _disposed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            onDisposed(Convert.ToHexStringLower(_hash.GetHashAndReset()));
            _hash.Dispose();
            if (!leaveInnerOpen) inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
