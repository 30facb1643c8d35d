//! Community Q&A end to end: mentions, Q&A channels, cooldowns, threads.

use crate::fake_discord::*;
use hanoi_bot::config::Config;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_and_qa_channels_get_replies_once_and_within_cooldowns() {
    let qa_channel = 4_100;
    let mut config = Config::embedded();
    config.community.qa_channels = vec![qa_channel];
    let (fake, bot, _) = start(config).await;
    let replies = |channel: u64| {
        let path = format!("/api/v10/channels/{channel}/messages");
        fake.requests()
            .into_iter()
            .filter(move |r| r.method == "POST" && r.path == path)
            .collect::<Vec<_>>()
    };

    // A mention with a question: a reply to that message.
    let m1 = fake.id();
    fake.dispatch_message(guild_message(
        m1,
        CHANNEL_ID,
        6_001,
        &format!("<@{BOT_ID}> When is the signing ceremony? @everyone"),
        true,
    ));
    let r = reply_to(&fake, CHANNEL_ID, m1)
        .await
        .expect("reply to a mention");
    check_message(&r.body);
    assert_eq!(r.body["message_reference"]["message_id"], m1.to_string());
    assert_eq!(r.body["allowed_mentions"]["replied_user"], false);
    assert!(embed_text(&r.body).contains("25-26 October 2025"));

    // A message that does not mention the bot, outside Q&A channels: ignored.
    fake.dispatch_message(guild_message(
        fake.id(),
        CHANNEL_ID,
        6_002,
        "When is the signing ceremony?",
        false,
    ));
    // Q&A channel: confident → answered; the same message again → not answered twice;
    // unsure → not answered; the same user again at once → cooldown.
    let q1 = fake.id();
    fake.dispatch_message(guild_message(
        q1,
        qa_channel,
        6_003,
        "How many countries signed?",
        false,
    ));
    fake.dispatch_message(guild_message(
        q1,
        qa_channel,
        6_003,
        "How many countries signed?",
        false,
    ));
    fake.dispatch_message(guild_message(
        fake.id(),
        qa_channel,
        6_004,
        "articles",
        false,
    ));
    // Events are handled concurrently: the same user's next message, sent at once, could
    // be answered before q1 and put q1 on cooldown. Send it once q1 is answered (well
    // within the cooldown).
    reply_to(&fake, qa_channel, q1)
        .await
        .expect("the confident Q&A question answered");
    fake.dispatch_message(guild_message(
        fake.id(),
        qa_channel,
        6_003,
        "When is the signing ceremony?",
        false,
    ));
    // A mention by another user in another channel is the sentinel: once it is
    // answered, all the earlier events have been looked at.
    let sentinel = fake.id();
    fake.dispatch_message(guild_message(
        sentinel,
        4_200,
        6_005,
        &format!("<@!{BOT_ID}> How many countries signed?"),
        true,
    ));
    reply_to(&fake, 4_200, sentinel)
        .await
        .expect("sentinel answered");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        replies(CHANNEL_ID).len(),
        1,
        "only the mention was answered there"
    );
    let qa = replies(qa_channel);
    assert_eq!(
        qa.len(),
        1,
        "one confident answer in the Q&A channel: {qa:?}"
    );
    assert_eq!(
        qa[0].body["message_reference"]["message_id"],
        q1.to_string()
    );
    assert!(embed_text(&qa[0].body).contains("72 states"));
    check_message(&qa[0].body);
    stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn qa_channel_answers_in_a_thread_when_configured() {
    let qa_channel = 4_100;
    let mut config = Config::embedded();
    config.community.qa_channels = vec![qa_channel];
    config.community.use_threads = true;
    config.discord.guilds = vec![GUILD_ID];
    let (fake, bot, reg) = start(config).await;
    assert_eq!(
        reg.path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    );
    let q = fake.id();
    fake.dispatch_message(guild_message(
        q,
        qa_channel,
        6_010,
        "How many countries signed?",
        false,
    ));
    let t = fake
        .wait_for(WAIT, |r| {
            r.path == format!("/api/v10/channels/{qa_channel}/messages/{q}/threads")
        })
        .await
        .expect("a thread from the question");
    assert_eq!(t.body["name"], "How many countries signed?");
    let posted = fake
        .wait_for(WAIT, |r| {
            r.method == "POST"
                && r.path.ends_with("/messages")
                && !r.path.contains(&qa_channel.to_string())
        })
        .await
        .expect("the answer in the thread");
    check_message(&posted.body);
    assert!(embed_text(&posted.body).contains("72 states"));
    stop(&fake, bot).await;
}
