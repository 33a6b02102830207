using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

public sealed class CompileCommandTests
{
    [Theory]
    [InlineData("VmHWM:\t  123456 kB", 123456)]
    [InlineData("VmHWM:\t10234567 kB", 10234567)] // from 10 GB on the kernel's padding leaves no space after the tab
    [InlineData(null, 0)]
    public void StatusKiB_ReadsTheNumberWhateverItsWidth(string? line, long expected) =>
        Assert.Equal(expected, CompileCommand.StatusKiB(line));
}
