//! On Discord the question's language wins over the client's locale, which decides only
//! when the question does not tell; suggested commands are slash commands.

use crate::fake_discord::*;
use hanoi_bot::config::Config;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_question_language_wins_over_the_locale() {
    let (fake, bot, _) = start(Config::embedded()).await;
    let ask =
        |q: &str, locale: &str| command(fake.id(), "ask", &[("question", 3, json!(q))], locale);
    // A Vietnamese client asking in English gets English, labels included.
    let body = interact(&fake, ask("When is the signing ceremony?", "vi")).await;
    let text = embed_text(&body["data"]);
    assert!(text.contains("25-26 October 2025"), "{text}");
    assert!(
        body["data"]["embeds"][0]["footer"]["text"]
            .as_str()
            .is_some_and(|f| f.starts_with("Source:")),
        "{body}"
    );
    // An English client asking in Vietnamese, with or without diacritics, gets
    // Vietnamese.
    for q in ["Khi nào lễ ký diễn ra?", "khi nao le ky dien ra"] {
        let body = interact(&fake, ask(q, "en-US")).await;
        let text = embed_text(&body["data"]);
        assert!(text.contains("25-26/10/2025"), "{q}: {text}");
        assert!(
            body["data"]["embeds"][0]["footer"]["text"]
                .as_str()
                .is_some_and(|f| f.starts_with("Nguồn:")),
            "{body}"
        );
    }
    stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggested_commands_are_slash_commands() {
    let (fake, bot, _) = start(Config::embedded()).await;
    let id = fake.id();
    let body = interact(&fake, command(id, "speakers", &[], "en-US")).await;
    let text = embed_text(&body["data"]);
    assert!(text.contains("Use `/speaker` for one of them."), "{text}");
    assert!(!text.contains("hanoi-bot"), "{text}");
    stop(&fake, bot).await;
}
