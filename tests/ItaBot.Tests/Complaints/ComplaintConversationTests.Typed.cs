using ItaBot.Complaints;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Complaints;

/// <summary>A complaint typed with no flow open starts the intake with what was typed (issue 13, item 2).</summary>
public sealed partial class ComplaintConversationTests
{
    [Fact]
    public async Task TypedComplaint_NamingCategoryAndPlace_AsksOnlyPhotosAndContact_ThenFilesTheTypedText()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        const string typed = "ไฟกิ่งหน้าวัดดับทั้งแถวมาสามวันแล้ว หมู่ 4 มืดมากค่ะ";

        var first = await chat.SendAsync(Events.Text(user, typed));

        Assert.Contains(ComplaintTexts.TypedReceived("ไฟฟ้าสาธารณะ/ไฟถนนดับ"), LineChat.Text(first), StringComparison.Ordinal);
        Assert.Contains("📷", LineChat.Text(first), StringComparison.Ordinal);
        Assert.DoesNotContain(ComplaintTexts.AskCategory, LineChat.Text(first), StringComparison.Ordinal);
        // The place came with the text: after the photos comes the call-back question, not "where".
        var contact = await chat.SendAsync(Events.Postback(user, ComplaintDialog.NextData));
        Assert.Contains(ComplaintTexts.AskContact, LineChat.Text(contact), StringComparison.Ordinal);
        var summary = await chat.SendAsync(Events.Postback(user, ComplaintDialog.ContactLineData));
        Assert.Contains("หน้าวัด หมู่ 4", LineChat.Text(summary), StringComparison.Ordinal);
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.SubmitData));

        var filed = Assert.Single(Store(host).ListForCitizen(user));
        Assert.Equal("street-light", filed.CategoryId);
        Assert.Equal(typed, filed.Description);
        Assert.Equal("หน้าวัด หมู่ 4", filed.Location!.Text);
    }

    [Fact]
    public async Task TypedComplaint_CategoryUnclear_AsksTheCategoryOnce_ThenGoesOnFromPhotos()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        const string typed = "ร้องเรียนค่ะ ศาลาพักผู้โดยสารหลังคาพังมาอาทิตย์นึงแล้ว ฝนตกเปียกหมด";

        var first = await chat.SendAsync(Events.Text(user, typed));

        Assert.Contains(ComplaintTexts.TypedAskCategory, LineChat.Text(first), StringComparison.Ordinal);
        var photos = await chat.SendAsync(Events.Postback(user, ComplaintDialog.CategoryPrefix + "other"));
        Assert.Contains("📷", LineChat.Text(photos), StringComparison.Ordinal);
        Assert.DoesNotContain(ComplaintTexts.AskDescription, LineChat.Text(photos), StringComparison.Ordinal);
        var where = await chat.SendAsync(Events.Postback(user, ComplaintDialog.NextData));
        Assert.Contains("ส่งตำแหน่ง", LineChat.Text(where), StringComparison.Ordinal);
        await chat.SendAsync(Events.Text(user, "สวนสาธารณะกลางหมู่บ้าน"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.ContactNoneData));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.SubmitData));

        var filed = Assert.Single(Store(host).ListForCitizen(user));
        Assert.Equal("other", filed.CategoryId);
        Assert.Equal(typed, filed.Description);
    }
}
