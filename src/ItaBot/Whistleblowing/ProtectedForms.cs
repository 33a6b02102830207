using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ItaBot.Whistleblowing;

/// <summary>Why a protected form could not be taken whole (the text read so far is kept in the form either way).</summary>
internal enum FormProblem
{
    None,

    /// <summary>No body, or not a form (JSON, plain text, a broken multipart body).</summary>
    NotAForm,

    /// <summary>A file over the limit, more files than allowed, or a body larger than the form can ever be.</summary>
    TooLarge,
}

/// <summary>What <see cref="ProtectedForms.ReadAsync"/> read: the fields and files in memory, and what was refused.</summary>
internal sealed record ProtectedFormRead(IFormCollection Form, FormProblem Problem);

/// <summary>
/// Reads the protected channel's forms (/report, its follow-up, the officers' entry) into memory, section by section.
/// ASP.NET's own form reader spools every file over 64 KB to the OS temp folder in plain form, where a crash leaves it
/// for good; evidence must reach disk only through the vault's encryption. Memory stays within the form's limits: at
/// most <c>maxFiles</c> files of <c>maxFileBytes</c> each are kept, anything beyond is read and dropped. The result
/// becomes the request's form, so antiforgery and later <c>ReadFormAsync</c> calls see it without reading again.
/// </summary>
internal static class ProtectedForms
{
    /// <summary>Room for the text fields and the multipart framing besides the files.</summary>
    public const int TextAllowance = 1024 * 1024;

    private const int MaxFieldBytes = 64 * 1024;
    private const int MaxFields = 64;

    /// <summary>The largest body a form with these limits can honestly be.</summary>
    public static long MaxBodyBytes(int maxFiles, int maxFileBytes) => (long)maxFiles * maxFileBytes + TextAllowance;

    public static async Task<ProtectedFormRead> ReadAsync(HttpContext context, int maxFiles, int maxFileBytes)
    {
        if (context.Features.Get<ProtectedFormRead>() is { } earlier)
        {
            return earlier;
        }

        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        var files = new FormFileCollection();
        var problem = FormProblem.None;
        var max = MaxBodyBytes(maxFiles, maxFileBytes);
        // A body announced larger than the form can be is refused after its text fields, which the page puts before the
        // files, so the reporter gets the form back with what they typed; Kestrel would refuse it at the first byte.
        var announcedTooLarge = context.Request.ContentLength > max;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Kestrel's default (about 28.6 MiB) cut off a form the page itself allows with an empty 413.
            limit.MaxRequestBodySize = announcedTooLarge ? null : max;
        }

        try
        {
            var body = announcedTooLarge ? new BudgetStream(context.Request.Body, max) : context.Request.Body;
            problem = await ReadBodyAsync(context.Request.ContentType, body, fields, files, announcedTooLarge ? 0 : maxFiles, maxFileBytes, context.RequestAborted)
                .ConfigureAwait(false);
            problem = announcedTooLarge ? FormProblem.TooLarge : problem;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            problem = FormProblem.TooLarge;
        }
        catch (BudgetStream.SpentException)
        {
            problem = FormProblem.TooLarge;
        }
        catch (FilesRefusedException)
        {
            problem = FormProblem.TooLarge;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or DecoderFallbackException
            || (ex is IOException && ex is not BadHttpRequestException))
        {
            // A broken multipart body ends the stream early ("Unexpected end of Stream"): not a form, not a server error.
            problem = FormProblem.NotAForm;
        }

        var read = new ProtectedFormRead(new FormCollection(fields, files), problem);
        context.Features.Set<IFormFeature>(new FormFeature(read.Form));
        context.Features.Set(read);
        return read;
    }

    /// <param name="maxFiles">0: the body is too large anyway; stop at the first file (its text fields are read by then).</param>
    private static async Task<FormProblem> ReadBodyAsync(string? contentType, Stream body, Dictionary<string, StringValues> fields, FormFileCollection files,
        int maxFiles, int maxFileBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            return FormProblem.NotAForm;
        }

        if (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // No files in this encoding, so nothing is spooled; the framework's reader keeps it in memory.
            var form = await new FormReader(body) { ValueLengthLimit = MaxFieldBytes, ValueCountLimit = MaxFields }
                .ReadFormAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                fields[key] = value;
            }

            return FormProblem.None;
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (!type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(boundary))
        {
            return FormProblem.NotAForm;
        }

        var problem = FormProblem.None;
        var reader = new MultipartReader(boundary, body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
            {
                await section.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (disposition.IsFileDisposition())
            {
                if (maxFiles == 0)
                {
                    throw new FilesRefusedException();
                }

                var kept = files.Count < maxFiles ? maxFileBytes : 0;
                var (bytes, length, whole) = await ReadBoundedAsync(section.Body, kept, cancellationToken).ConfigureAwait(false);
                if (length == 0 && whole)
                {
                    continue;   // an empty file input: the browser sends the part without a file
                }

                if (!whole)
                {
                    problem = FormProblem.TooLarge;
                    continue;
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
                files.Add(new FormFile(new MemoryStream(bytes, 0, length, writable: false, publiclyVisible: true), 0, length, name, fileName)
                {
                    Headers = new HeaderDictionary(section.Headers),
                });
            }
            else if (fields.Count < MaxFields)
            {
                var (bytes, length, whole) = await ReadBoundedAsync(section.Body, MaxFieldBytes, cancellationToken).ConfigureAwait(false);
                var value = whole ? Strict.GetString(bytes, 0, length) : string.Empty;
                fields[name] = fields.TryGetValue(name, out var before) ? StringValues.Concat(before, value) : new StringValues(value);
            }
            else
            {
                await section.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
        }

        return problem;
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Up to <paramref name="limit"/> bytes in memory; anything beyond is read to the end and dropped (whole = false).</summary>
    private static async Task<(byte[] Bytes, int Length, bool Whole)> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(limit + 1, 64 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    await body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                    return ([], 0, false);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)limit + 1, buffer.Length * 2L));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return length > limit ? ([], 0, false) : (buffer, length, true);
            }

            length += read;
        }
    }

    private sealed class FilesRefusedException : Exception;

    /// <summary>Reads at most a budget of bytes from a body, then throws: a body announced too large is never read to its end.</summary>
    private sealed class BudgetStream(Stream inner, long budget) : Stream
    {
        private long _left = budget;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_left <= 0)
            {
                throw new SpentException();
            }

            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken).ConfigureAwait(false);
            _left -= read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        internal sealed class SpentException : Exception;
    }
}
