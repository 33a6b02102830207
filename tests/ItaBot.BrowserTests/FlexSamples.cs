namespace ItaBot.BrowserTests;

/// <summary>A Flex bubble using most components and styles, then a two-bubble carousel, as a bot would push them.</summary>
internal static class FlexSamples
{
    public const string Messages = """
        [{"type":"flex","altText":"สถานะเรื่องร้องเรียน","contents":{
          "type":"bubble",
          "styles":{"header":{"backgroundColor":"#06C755"},"footer":{"separator":true}},
          "header":{"type":"box","layout":"vertical","contents":[
            {"type":"text","text":"เรื่องร้องเรียน #2568-0042","color":"#FFFFFF","weight":"bold","size":"lg"},
            {"type":"text","text":"งานไฟฟ้าสาธารณะ","color":"#E8FFE8","size":"xs"}]},
          "hero":{"type":"image","url":"https://example.org/road.jpg","size":"full","aspectRatio":"20:13","aspectMode":"cover"},
          "body":{"type":"box","layout":"vertical","spacing":"md","contents":[
            {"type":"box","layout":"horizontal","contents":[
              {"type":"text","text":"สถานะ","color":"#888888","size":"sm","flex":2},
              {"type":"text","text":"กำลังดำเนินการ","color":"#FF8800","weight":"bold","size":"sm","flex":4,"align":"end"}]},
            {"type":"separator","color":"#CCCCCC","margin":"md"},
            {"type":"box","layout":"baseline","spacing":"sm","contents":[
              {"type":"icon","url":"https://example.org/pin.png","size":"sm"},
              {"type":"text","text":"ถนนเทศบาล 3 หน้าโรงเรียนอนุบาล","size":"sm","color":"#555555"}]},
            {"type":"box","layout":"vertical","backgroundColor":"#F4F6F8","cornerRadius":"md","paddingAll":"md","contents":[
              {"type":"text","text":"ไฟถนนดับสามต้นติดกันตั้งแต่สัปดาห์ที่แล้ว ช่วงกลางคืนมืดมาก เด็กนักเรียนเดินผ่านทุกวัน","wrap":true,"maxLines":3,"size":"sm"}]}]},
          "footer":{"type":"box","layout":"vertical","spacing":"sm","contents":[
            {"type":"button","style":"primary","action":{"type":"postback","label":"ดูรายละเอียด","data":"case=2568-0042&action=detail","displayText":"ขอดูรายละเอียด"}},
            {"type":"button","style":"secondary","height":"sm","action":{"type":"message","label":"ติดต่อเจ้าหน้าที่","text":"ติดต่อเจ้าหน้าที่"}},
            {"type":"button","style":"link","height":"sm","action":{"type":"uri","label":"เว็บไซต์เทศบาล","uri":"https://example.org/"}}]}}},
         {"type":"flex","altText":"บริการ","contents":{"type":"carousel","contents":[
          {"type":"bubble","size":"micro","body":{"type":"box","layout":"vertical","contents":[
            {"type":"text","text":"ขอใบอนุญาตก่อสร้าง","weight":"bold","wrap":true},
            {"type":"text","text":"15 วันทำการ","size":"xs","color":"#888888"}]}},
          {"type":"bubble","size":"micro","body":{"type":"box","layout":"vertical","contents":[
            {"type":"text","text":"แจ้งเกิด","weight":"bold"},
            {"type":"filler"},
            {"type":"text","text":"ไม่มีค่าธรรมเนียม","size":"xs","color":"#06C755"}]}}]}}]
        """;
}
