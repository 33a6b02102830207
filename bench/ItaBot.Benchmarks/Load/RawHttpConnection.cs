using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ItaBot.Benchmarks.Load;

/// <summary>
/// One keep-alive HTTP/1.1 connection with one request in flight, like a wrk connection: the request bytes are
/// written as given and the response is read just far enough to know its status and where it ends. Cheaper than
/// HttpClient, so the load tool leaves more of the 2 cores to the service under test.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private readonly IPEndPoint _endPoint;
    private Socket? _socket;
    private byte[] _buffer = new byte[16 * 1024];

    public RawHttpConnection(IPEndPoint endPoint) => _endPoint = endPoint;

    /// <summary>Sends one request and returns the response status; 0 when the connection failed.</summary>
    public async Task<int> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        try
        {
            if (_socket is null)
            {
                _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await _socket.ConnectAsync(_endPoint, cancellationToken);
            }

            while (!request.IsEmpty)
            {
                var sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
                request = request[sent..];
            }

            return await ReadResponseAsync(_socket, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException or OperationCanceledException)
        {
            Close();
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return 0;
        }
    }

    private async Task<int> ReadResponseAsync(Socket socket, CancellationToken cancellationToken)
    {
        var length = 0;
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(0, length).IndexOf(HeaderEnd)) < 0)
        {
            length += await ReceiveAsync(socket, length, cancellationToken);
        }

        var head = Encoding.ASCII.GetString(_buffer, 0, headerEnd);
        var status = ParseStatus(head);
        var bodyStart = headerEnd + HeaderEnd.Length;
        var close = HeaderValue(head, "connection")?.Equals("close", StringComparison.OrdinalIgnoreCase) == true;
        if (HeaderValue(head, "transfer-encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Read until the last chunk's terminator. Our responses are tiny, so a byte search is enough.
            while (_buffer.AsSpan(bodyStart, length - bodyStart).IndexOf("0\r\n\r\n"u8) < 0)
            {
                length += await ReceiveAsync(socket, length, cancellationToken);
            }
        }
        else
        {
            var contentLength = int.TryParse(HeaderValue(head, "content-length"), out var cl) ? cl : 0;
            while (length - bodyStart < contentLength)
            {
                length += await ReceiveAsync(socket, length, cancellationToken);
            }
        }

        if (close)
        {
            Close();
        }

        return status;
    }

    private async Task<int> ReceiveAsync(Socket socket, int offset, CancellationToken cancellationToken)
    {
        if (offset == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await socket.ReceiveAsync(_buffer.AsMemory(offset), SocketFlags.None, cancellationToken);
        return read == 0 ? throw new IOException("The server closed the connection.") : read;
    }

    private static int ParseStatus(string head)
    {
        // "HTTP/1.1 200 OK"
        var firstSpace = head.IndexOf(' ', StringComparison.Ordinal);
        return firstSpace > 0 && Utf8Parser.TryParse(Encoding.ASCII.GetBytes(head.Substring(firstSpace + 1, 3)), out int status, out _)
            ? status
            : throw new InvalidDataException("Not an HTTP response.");
    }

    private static string? HeaderValue(string head, string name)
    {
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose() => Close();
}
