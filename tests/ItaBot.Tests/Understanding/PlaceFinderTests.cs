using ItaBot.Understanding;

namespace ItaBot.Tests.Understanding;

/// <summary>
/// Places the way people name them (session 16, issue 13 item 2), each kind with sentences written for this test, none
/// from a held-out set: the place is what staff need to find it, as the citizen typed it.
/// </summary>
public sealed class PlaceFinderTests
{
    [Theory]
    // A lane named with a word and a number, or a word alone; "ใน" in front is nothing staff go by.
    [InlineData("ไฟทางในซอยพัฒนาการ 7 ดับมาสองคืนแล้วค่ะ", "ซอยพัฒนาการ 7")]
    [InlineData("รถขยะไม่เข้าซอยสุขสันต์ 3 มาอาทิตย์นึงแล้ว", "ซอยสุขสันต์ 3")]
    // Communities and estates, with the house number beside them, Thai digits as typed.
    [InlineData("น้ำประปาไม่ไหลทั้งชุมชนบ้านมั่นคงค่ะ", "ชุมชนบ้านมั่นคง")]
    [InlineData("ไฟดับหน้าบ้านเลขที่ ๒๓/๑ หมู่ ๕ ค่ะ", "บ้านเลขที่ ๒๓/๑ หมู่ ๕")]
    // Lodgings and shops by their own names.
    [InlineData("ขยะล้นหน้าหอพักเจริญสุขแมนชั่นค่ะ", "หน้าหอพักเจริญสุขแมนชั่น")]
    // Places of worship of every faith, with their names.
    [InlineData("ท่อระบายน้ำตันหน้าสุเหร่าบ้านดอนครับ", "หน้าสุเหร่าบ้านดอน")]
    [InlineData("หมาจรนอนเต็มลานโบสถ์ เด็กไม่กล้าเดินผ่าน", "ลานโบสถ์")]
    // A road between two villages is one place, not two village numbers.
    [InlineData("ถนนลูกรังสายหมู่ 3 ไปหมู่ 11 เป็นร่องลึกหมดแล้ว", "ถนนลูกรังสายหมู่ 3 ไปหมู่ 11")]
    [InlineData("ถนนสายบ้านนาดีไปบ้านโคกกลางเป็นหลุมเยอะมาก", "ถนนสายบ้านนาดีไปบ้านโคกกลาง")]
    // A distance from a landmark stays with it.
    [InlineData("ไฟกิ่งก่อนถึงวัดป่าสันติธรรม 200 เมตร ดับสองต้นครับ", "ก่อนถึงวัดป่าสันติธรรม 200 เมตร")]
    // Work sites and the landmark they are behind.
    [InlineData("มีคนเผายางที่แคมป์คนงานก่อสร้างหลังโลตัส ควันเต็มซอย", "แคมป์คนงานก่อสร้างหลังโลตัส")]
    public void Find_PlaceNamedTheWayPeopleNameIt_IsTakenAsTyped(string text, string place)
    {
        Assert.Equal(place, PlaceFinder.Find(text));
    }

    [Theory]
    [InlineData("หน้าบ้านมีน้ำขังค่ะ")]
    [InlineData("ถนนเข้าหมู่บ้านเป็นหลุม")]
    [InlineData("ในซอยมีหมาจรเยอะมาก")]
    [InlineData("ลูกหลานไอทั้งคืนเพราะควันเผาขยะ")]
    [InlineData("มาตรวัดน้ำรั่วซึมตลอดเวลา")]
    [InlineData("ศาลาพักผู้โดยสารหลังคาพังหมดแล้ว")]
    public void Find_NoPlaceStaffCouldFind_IsNone(string text)
    {
        Assert.Null(PlaceFinder.Find(text));
    }
}
