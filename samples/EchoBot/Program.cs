// An echo bot: run with Line__ChannelSecret and Line__ChannelAccessToken set, and point the channel's webhook URL at
// https://<host>/webhook.
await EchoBot.EchoBotApp.Build(args).RunAsync();
