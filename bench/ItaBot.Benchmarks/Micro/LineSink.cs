using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ItaBot.Benchmarks.Micro;

/// <summary>
/// The least a LINE stand-in can be: answers every HTTP/1.1 request on loopback with 200 and "{}" from blocking threads
/// and fixed buffers, so that a benchmark's allocation figure is the bot's alone (BenchmarkDotNet counts every thread of
/// the process; the real stand-in, an ASP.NET app, would add its own bytes to each turn).
/// </summary>
public sealed class LineSink : IDisposable
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LengthHeader = "content-length:"u8.ToArray();
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private long _requests;

    public LineSink()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        new Thread(Accept) { IsBackground = true, Name = "line-sink" }.Start();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/";

    public long Requests => Interlocked.Read(ref _requests);

    public void Dispose() => _listener.Dispose();

    private void Accept()
    {
        try
        {
            while (true)
            {
                var client = _listener.Accept();
                new Thread(() => Serve(client)) { IsBackground = true, Name = "line-sink-connection" }.Start();
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Serve(Socket client)
    {
        var buffer = new byte[1 << 20];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = client.Receive(buffer.AsSpan(filled));
                if (read == 0)
                {
                    return;
                }

                filled += read;
                while (TryTakeRequest(buffer.AsSpan(0, filled), out var length))
                {
                    client.Send(Ok);
                    Interlocked.Increment(ref _requests);
                    buffer.AsSpan(length, filled - length).CopyTo(buffer);
                    filled -= length;
                }
            }
        }
        catch (SocketException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Whether a whole request (headers and Content-Length body) is buffered, and its length.</summary>
    private static bool TryTakeRequest(ReadOnlySpan<byte> data, out int length)
    {
        length = 0;
        var end = data.IndexOf(HeaderEnd);
        if (end < 0)
        {
            return false;
        }

        var headers = data[..end];
        var body = 0;
        for (var i = 0; i + LengthHeader.Length <= headers.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(headers.Slice(i, LengthHeader.Length), LengthHeader))
            {
                var j = i + LengthHeader.Length;
                while (j < headers.Length && headers[j] == (byte)' ')
                {
                    j++;
                }

                while (j < headers.Length && headers[j] is >= (byte)'0' and <= (byte)'9')
                {
                    body = (body * 10) + (headers[j++] - '0');
                }

                break;
            }
        }

        length = end + HeaderEnd.Length + body;
        return data.Length >= length;
    }
}
