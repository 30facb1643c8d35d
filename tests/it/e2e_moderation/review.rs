//! `/kb review` end to end: a refused question becomes a phrasing of an entry, written
//! into the knowledge file and swapped in, after which the same question is answered;
//! Out of scope labels without touching the file; only the moderator who opened a
//! review can use it; concurrent accepts and a file edited on disk meanwhile.

use crate::fake_discord::*;
use hanoi_bot::knowledge::Knowledge;
use hanoi_bot::store::Label;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Refused by the fixture; its phrasing belongs to `signatories-final`.
const REFUSED: &str = "Count of parties that signed?";
/// How the question log has it.
const LOGGED: &str = "count of parties that signed";
/// A second moderator.
const MODERATOR_2: u64 = 5_200;

fn moderator_2() -> Value {
    member_with(MODERATOR_2, &[MOD_ROLE], 0)
}

/// The fixture copied where the bot may write it back.
fn knowledge_file(dir: &Path) -> PathBuf {
    let p = dir.join("knowledge.toml");
    std::fs::copy(fixture_path(), &p).unwrap();
    p
}

async fn start_on(path: &Path) -> (Fake, hanoi_bot::discord::RunningBot) {
    start_moderated_with(moderation_config(), Knowledge::load(path).unwrap()).await
}

/// `/ask question`; the reply's callback body.
async fn ask(fake: &Fake, question: &str) -> Value {
    let d = command(
        fake.id(),
        "ask",
        &[("question", 3, json!(question))],
        "en-US",
    );
    interact(fake, d).await
}

/// Asks `question` and waits until the question log has it (logging follows the reply).
async fn ask_logged(fake: &Fake, bot: &hanoi_bot::discord::RunningBot, question: &str) {
    ask(fake, question).await;
    let text = hanoi_bot::curation::normalise_question(question);
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let t = text.clone();
        let logged = bot
            .store
            .call(move |s| Ok(s.unreviewed(50)?.iter().any(|u| u.gap.text == t)))
            .await
            .unwrap();
        if logged {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{question} never logged"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// `/kb review` by `member`: the command's id and its callback body.
async fn open_review(fake: &Fake, member: Value) -> (u64, Value) {
    let id = fake.id();
    let opts = json!([{"name": "review", "type": 1, "options": []}]);
    let body = interact(fake, command_by(id, "kb", opts, json!({}), member)).await;
    (id, body)
}

/// The review message the buttons are on (ephemeral, the bot's).
fn view(fake: &Fake) -> Value {
    preview_message(fake)
}

/// Presses `custom_id` as `member`: the press's id and its callback body.
async fn press(fake: &Fake, custom_id: &str, member: Value) -> (u64, Value) {
    let id = fake.id();
    let body = interact(fake, button_by(id, custom_id, view(fake), member)).await;
    (id, body)
}

/// The next view, shown by editing the message through interaction `id` (a deferred
/// press or form): the edit's body.
async fn next_view(fake: &Fake, id: u64) -> Value {
    let r = fake
        .wait_for(WAIT, |r| {
            r.method == "PATCH"
                && r.path
                    .starts_with(&format!("/api/v10/webhooks/{APP_ID}/itoken-{id}/"))
        })
        .await
        .unwrap_or_else(|| panic!("no next view after interaction {id}"));
    check_message(&r.body);
    r.body
}

/// Presses "Phrasing of `entry`" on the view `body` and submits the form with
/// `phrasing`; returns the form submission's id (the next view edits through it).
async fn add_phrasing(
    fake: &Fake,
    body: &Value,
    entry: &str,
    phrasing: &str,
    member: Value,
) -> u64 {
    let id = find_button(body, &format!(":add:{entry}"));
    let (_, form) = press(fake, &id, member.clone()).await;
    assert_eq!(form["type"], 9, "the button opens a form: {form}");
    let modal = form["data"]["custom_id"].as_str().unwrap().to_string();
    let field = &form["data"]["components"][0]["components"][0];
    assert_eq!(
        field["value"], LOGGED,
        "the form offers the question as logged"
    );
    submit(fake, &modal, phrasing, member).await
}

/// Submits the phrasing form `modal`; waits for its acknowledgement.
async fn submit(fake: &Fake, modal: &str, phrasing: &str, member: Value) -> u64 {
    let id = fake.id();
    let body = interact(
        fake,
        modal_submit(
            id,
            modal,
            &[("phrasing", phrasing)],
            member,
            Some(view(fake)),
        ),
    )
    .await;
    assert_eq!(body["type"], 6, "the form is acknowledged: {body}");
    id
}

/// The custom id of the button whose id ends with `suffix`.
fn find_button(body: &Value, suffix: &str) -> String {
    let data = if body["data"].is_object() {
        &body["data"]
    } else {
        body
    };
    button_ids(data)
        .into_iter()
        .find(|b| b.ends_with(suffix))
        .unwrap_or_else(|| panic!("no button …{suffix}: {body}"))
}

async fn labels(bot: &hanoi_bot::discord::RunningBot) -> Vec<Label> {
    bot.store.call(|s| s.labels()).await.unwrap()
}

async fn audit_actions(bot: &hanoi_bot::discord::RunningBot) -> Vec<(String, String)> {
    bot.store
        .call(|s| s.audit_list(50))
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.action, a.detail))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_question_becomes_a_phrasing_and_is_then_answered() {
    let dir = tempfile::tempdir().unwrap();
    let path = knowledge_file(dir.path());
    let (fake, bot) = start_on(&path).await;
    // The misspelled one first: of questions asked as often, the latest heads the
    // group, and its wording is what the form offers.
    ask_logged(&fake, &bot, "count of parties that signedd").await;
    ask_logged(&fake, &bot, REFUSED).await;

    let (_, body) = open_review(&fake, moderator()).await;
    assert_eq!(body["type"], 4, "{body}");
    assert!(ephemeral(&body), "the review is private: {body}");
    let text = texts(&body["data"]);
    assert!(text.contains(LOGGED), "{text}");
    assert!(
        text.contains("Asked 2×"),
        "near-identical questions are grouped: {text}"
    );
    assert!(text.contains("signedd"), "{text}");
    assert!(text.contains("signatories-final"), "{text}");
    let button_labels: Vec<&str> = body["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row["components"].as_array().unwrap())
        .filter_map(|b| b["label"].as_str())
        .collect();
    assert!(
        button_labels.contains(&"Add as a phrasing of signatories-final"),
        "{button_labels:?}"
    );
    for l in ["Out of scope", "Skip"] {
        assert!(button_labels.contains(&l), "{button_labels:?}");
    }
    let before = std::fs::read_to_string(&path).unwrap();

    let submit = add_phrasing(&fake, &body, "signatories-final", LOGGED, moderator()).await;
    let next = next_view(&fake, submit).await;
    let text = texts(&next);
    assert!(
        text.contains("added to knowledge.toml as a phrasing of `signatories-final`"),
        "{text}"
    );
    assert!(text.contains("Nothing to review"), "{text}");

    // The file: one line more, the phrasing in the entry; the old file kept.
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.contains(
            "questions = [\"How many countries signed?\", \"Number of signatories\", \"count of parties that signed\"]"
        ),
        "{after}"
    );
    assert_eq!(after.lines().count(), before.lines().count());
    let backup = std::fs::read_to_string(dir.path().join("knowledge.toml.bak")).unwrap();
    assert_eq!(backup, before);

    // The same question is now answered, from the new phrasing.
    let body = ask(&fake, REFUSED).await;
    assert!(texts(&body["data"]).contains("72 states"), "{body}");

    // Both questions of the group are labelled; the decision is audited.
    let l = labels(&bot).await;
    let mut q: Vec<&str> = l.iter().map(|l| l.question.as_str()).collect();
    q.sort();
    assert_eq!(q, [LOGGED, "count of parties that signedd"]);
    assert!(l
        .iter()
        .all(|l| l.entry_id.as_deref() == Some("signatories-final")));
    let audit = audit_actions(&bot).await;
    assert!(
        audit
            .iter()
            .any(|(a, d)| a == "kb.review.phrasing" && d.contains("signatories-final")),
        "{audit:?}"
    );
    // `/kb stats` counts the labels as waiting for a refit.
    let id = fake.id();
    let opts = json!([{"name": "stats", "type": 1, "options": []}]);
    let body = interact(&fake, command_by(id, "kb", opts, json!({}), moderator())).await;
    let text = texts(&body["data"]);
    assert!(
        text.contains("2 labelled questions, 2 waiting for the next refit"),
        "{text}"
    );
    assert!(text.contains("Answer-or-refuse model: "), "{text}");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_scope_stores_a_label_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = knowledge_file(dir.path());
    let before = std::fs::read(&path).unwrap();
    let (fake, bot) = start_on(&path).await;
    let moon = "What colour is the moon above the conference hall?";
    ask_logged(&fake, &bot, moon).await;

    let (_, body) = open_review(&fake, moderator()).await;
    assert!(texts(&body["data"]).contains("moon"), "{body}");
    let out = find_button(&body, ":out");
    let (p, ack) = press(&fake, &out, moderator()).await;
    assert_eq!(ack["type"], 6, "{ack}");
    let text = texts(&next_view(&fake, p).await);
    assert!(text.contains("labelled out of scope"), "{text}");
    assert!(text.contains("Nothing to review"), "{text}");

    // A double click: the press of the decided view does nothing more.
    let (_, again) = press(&fake, &out, moderator()).await;
    assert_eq!(again["type"], 4, "{again}");

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is unchanged"
    );
    assert!(!dir.path().join("knowledge.toml.bak").exists());
    let l = labels(&bot).await;
    assert_eq!(l.len(), 1, "{l:?}");
    assert_eq!(
        l[0].question,
        "what colour is the moon above the conference hall"
    );
    assert_eq!(l[0].entry_id, None);
    let audit = audit_actions(&bot).await;
    assert_eq!(
        audit
            .iter()
            .filter(|(a, _)| a == "kb.review.out_of_scope")
            .count(),
        1,
        "{audit:?}"
    );
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_of_an_earlier_view_is_not_applied_to_the_next_question() {
    let dir = tempfile::tempdir().unwrap();
    let path = knowledge_file(dir.path());
    let (fake, bot) = start_on(&path).await;
    // Asked twice: reviewed first.
    ask_logged(
        &fake,
        &bot,
        "What colour is the moon above the conference hall?",
    )
    .await;
    ask_logged(
        &fake,
        &bot,
        "What colour is the moon above the conference hall?",
    )
    .await;
    ask_logged(&fake, &bot, REFUSED).await;

    let (_, body) = open_review(&fake, moderator()).await;
    assert!(texts(&body["data"]).contains("moon"), "{body}");
    let out = find_button(&body, ":out");
    let (p, _) = press(&fake, &out, moderator()).await;
    let next = next_view(&fake, p).await;
    assert!(texts(&next).contains(LOGGED), "{next}");
    // The first view's Out of scope again (a double click that arrived late).
    let (_, again) = press(&fake, &out, moderator()).await;
    assert_eq!(again["type"], 4, "{again}");
    assert!(ephemeral(&again));
    assert!(texts(&again["data"]).contains("already decided"), "{again}");
    let l = labels(&bot).await;
    assert_eq!(l.len(), 1, "only the moon was labelled: {l:?}");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_moderator_cannot_review_nor_use_a_moderators_review() {
    let dir = tempfile::tempdir().unwrap();
    let path = knowledge_file(dir.path());
    let before = std::fs::read(&path).unwrap();
    let (fake, bot) = start_on(&path).await;
    ask_logged(&fake, &bot, REFUSED).await;
    let member = member_with(USER_ID, &[PING_ROLE], MANAGE_MESSAGES);

    let (_, body) = open_review(&fake, member.clone()).await;
    assert_eq!(body["type"], 4, "{body}");
    assert!(ephemeral(&body));
    assert!(texts(&body["data"]).contains("Only moderators"), "{body}");
    assert!(button_ids(&body["data"]).is_empty(), "{body}");

    // The moderator's review: the member's presses and forms are refused.
    let (key, body) = open_review(&fake, moderator()).await;
    let out = find_button(&body, ":out");
    let (_, refused) = press(&fake, &out, member.clone()).await;
    assert_eq!(refused["type"], 4, "{refused}");
    assert!(ephemeral(&refused));
    assert!(
        texts(&refused["data"]).contains("Only the moderator who opened this review"),
        "{refused}"
    );
    let add = find_button(&body, ":add:signatories-final");
    let (_, refused) = press(&fake, &add, member.clone()).await;
    assert_eq!(refused["type"], 4, "no form for them: {refused}");
    let id = fake.id();
    let refused = interact(
        &fake,
        modal_submit(
            id,
            &format!("rv:{key}:0:form:signatories-final"),
            &[("phrasing", "anything")],
            member.clone(),
            Some(view(&fake)),
        ),
    )
    .await;
    assert!(
        texts(&refused["data"]).contains("Only the moderator who opened this review"),
        "{refused}"
    );
    // A forged id naming an entry that is not a candidate does nothing either.
    let (_, forged) = press(&fake, &format!("rv:{key}:0:add:no-such-entry"), moderator()).await;
    assert_eq!(forged["type"], 4, "{forged}");
    assert!(
        texts(&forged["data"]).contains("nothing was done"),
        "{forged}"
    );

    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(labels(&bot).await.is_empty());
    let denied = audit_actions(&bot)
        .await
        .into_iter()
        .filter(|(a, _)| a == "denied")
        .count();
    assert_eq!(
        denied, 4,
        "the command, two presses and the form are audited"
    );
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_moderators_accepting_at_the_same_time_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let path = knowledge_file(dir.path());
    let (fake, bot) = start_on(&path).await;
    ask_logged(&fake, &bot, REFUSED).await;

    let (_, first) = open_review(&fake, moderator()).await;
    let (_, second) = open_review(&fake, moderator_2()).await;
    // Both open their form, then both submit at once.
    let mut modals = Vec::new();
    for (body, member) in [(&first, moderator()), (&second, moderator_2())] {
        let id = find_button(body, ":add:signatories-final");
        let (_, form) = press(&fake, &id, member).await;
        assert_eq!(form["type"], 9, "{form}");
        modals.push(form["data"]["custom_id"].as_str().unwrap().to_string());
    }
    let (a, b) = (fake.id(), fake.id());
    fake.dispatch_interaction(modal_submit(
        a,
        &modals[0],
        &[("phrasing", "count of parties that signed")],
        moderator(),
        Some(view(&fake)),
    ));
    fake.dispatch_interaction(modal_submit(
        b,
        &modals[1],
        &[("phrasing", "how many parties put their signature")],
        moderator_2(),
        Some(view(&fake)),
    ));
    let (va, vb) = (next_view(&fake, a).await, next_view(&fake, b).await);
    for v in [&va, &vb] {
        assert!(
            texts(v).contains("as a phrasing of `signatories-final`"),
            "{v}"
        );
    }
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("\"count of parties that signed\""),
        "{after}"
    );
    assert!(
        after.contains("\"how many parties put their signature\""),
        "{after}"
    );
    Knowledge::load(&path).expect("the file still loads");
    for q in [REFUSED, "How many parties put their signature?"] {
        let body = ask(&fake, q).await;
        assert!(texts(&body["data"]).contains("72 states"), "{q}: {body}");
    }
    let audit = audit_actions(&bot).await;
    assert_eq!(
        audit
            .iter()
            .filter(|(a, _)| a == "kb.review.phrasing")
            .count(),
        2,
        "{audit:?}"
    );
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_edited_on_disk_during_the_review_is_not_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let path = knowledge_file(dir.path());
    let (fake, bot) = start_on(&path).await;
    ask_logged(&fake, &bot, REFUSED).await;

    let (_, body) = open_review(&fake, moderator()).await;
    let id = find_button(&body, ":add:signatories-final");
    let (_, form) = press(&fake, &id, moderator()).await;
    let modal = form["data"]["custom_id"].as_str().unwrap().to_string();
    // A curator edits the file by hand while the form is open (the bot has not
    // reloaded it: no watcher in these tests).
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace(
            "\"Khi nào lễ ký diễn ra?\"]",
            "\"Khi nào lễ ký diễn ra?\", \"In which month did the ink dry?\"]",
        )
        .replace("# A small, valid", "# Edited by hand.\n# A small, valid");
    std::fs::write(&path, &edited).unwrap();
    let s = submit(&fake, &modal, LOGGED, moderator()).await;
    let text = texts(&next_view(&fake, s).await);
    assert!(
        text.contains("as a phrasing of `signatories-final`"),
        "{text}"
    );

    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with("# Edited by hand.\n"), "{after}");
    assert!(
        after.contains("\"In which month did the ink dry?\""),
        "{after}"
    );
    assert!(
        after.contains("\"count of parties that signed\""),
        "{after}"
    );
    assert_eq!(after.lines().count(), edited.lines().count());
    // The backup is the hand-edited file, not the one the bot had loaded.
    let backup = std::fs::read_to_string(dir.path().join("knowledge.toml.bak")).unwrap();
    assert_eq!(backup, edited);
    // Both changes are in use: the hand edit came in with the reload.
    let before = ask(&fake, REFUSED).await;
    assert!(texts(&before["data"]).contains("72 states"), "{before}");
    let body = ask(&fake, "In which month did the ink dry?").await;
    assert!(texts(&body["data"]).contains("25-26 October"), "{body}");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_voted_down_puts_its_question_in_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let path = knowledge_file(dir.path());
    let (fake, bot) = start_on(&path).await;
    // Answered with confidence: not a gap, so not in the log until voted 👎.
    let asked = fake.id();
    let d = command(
        asked,
        "ask",
        &[("question", 3, json!("When is the signing ceremony?"))],
        "en-US",
    );
    let body = interact(&fake, d).await;
    let down = button_ids(&body["data"])
        .into_iter()
        .find(|b| b.starts_with("fb:down:"))
        .expect("a 👎 button");
    let deadline = tokio::time::Instant::now() + WAIT;
    while bot
        .store
        .call(move |s| s.recent_question(asked))
        .await
        .unwrap()
        .is_none()
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the question is remembered"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // The 👎 is pressed on the answer, which says which /ask it answers.
    let mut answer = message_json(fake.id(), CHANNEL_ID, user(BOT_ID, "hanoi-bot", true), "");
    answer["interaction_metadata"] = json!({
        "type": 2, "id": asked.to_string(), "user": user(USER_ID, "asker", false),
        "authorizing_integration_owners": {"0": GUILD_ID.to_string()}
    });
    interact(
        &fake,
        button_by(fake.id(), &down, answer, member_with(USER_ID, &[], 0)),
    )
    .await;
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let queued = bot
            .store
            .call(|s| s.unreviewed(10))
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.gap.text == "when is the signing ceremony");
        if let Some(u) = queued {
            assert_eq!(u.down_votes, 1);
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the voted question reaches the log"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (_, body) = open_review(&fake, moderator()).await;
    let text = texts(&body["data"]);
    assert!(text.contains("when is the signing ceremony"), "{text}");
    assert!(text.contains("voted 👎 1×"), "{text}");
    assert!(text.contains("signing-date"), "{text}");
    bot.shutdown().await;
}
