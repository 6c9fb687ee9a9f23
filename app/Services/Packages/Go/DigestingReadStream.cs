using System.Security.Cryptography;

namespace GitLabLite.Services.Packages.Go;

/// <summary>A read-only pass-through that hashes what is read, so a file's SHA-256 comes for free while it is zipped.</summary>
public sealed class DigestingReadStream(Stream inner, Action<string> onDisposed) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        return n;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            onDisposed(Convert.ToHexStringLower(_hash.GetHashAndReset()));
            _hash.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
