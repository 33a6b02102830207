using ItaBot.Media;

namespace ItaBot.Tests.Media;

public sealed class BoundedReadTests
{
    [Fact]
    public async Task ReadAsync_EndlessStream_StopsJustPastTheLimitAndGivesNull()
    {
        var endless = new EndlessStream();

        var bytes = await BoundedRead.ReadAsync(endless, 1024 * 1024, TestContext.Current.CancellationToken);

        Assert.Null(bytes);
        Assert.InRange(endless.Served, 1024 * 1024, (1024 * 1024) + 81920);
    }

    [Fact]
    public async Task ReadAsync_ExactlyAtTheLimit_GivesAllBytes()
    {
        var data = new byte[5000];
        new Random(1).NextBytes(data);

        var bytes = await BoundedRead.ReadAsync(new MemoryStream(data), 5000, TestContext.Current.CancellationToken);

        Assert.Equal(data, bytes);
    }

    /// <summary>A stream that never ends and counts what it served.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0xAB, offset, count);
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
