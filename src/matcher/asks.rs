//! What kind of answer a question wants ([`Asks`]): a person, a day, a clock time, a
//! place or a count, read from its question words ("who", "how many", "mấy giờ").
//! The decision weighs it against what an entry holds: "who" against an entry that
//! names no person is a sign that the question asks for something else.

/// What kind of answer the question wants, from its question words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Asks {
    pub who: bool,
    pub when: bool,
    /// A clock time ("what time", "mấy giờ"), not just a day.
    pub time: bool,
    pub where_: bool,
    pub count: bool,
}

/// What kind of answer the question wants, from its question words.
pub(crate) fn asks(words: &[String]) -> Asks {
    let mut a = Asks::default();
    let mut prev = "";
    for w in words {
        let w = w.as_str();
        match (prev, w) {
            (p, "who" | "whos" | "whom" | "whose") if !heads_relative_clause(p) => a.who = true,
            (_, "ai" | "nguoinao") => a.who = true,
            // "Which person signed for China?" asks for a person as "who" does.
            ("which" | "what" | "wat", "person" | "official" | "individual" | "minister") => {
                a.who = true
            }
            (_, "khinao" | "baogio" | "lucnao" | "homnao" | "ngaynao") => a.when = true,
            (_, "odau" | "taidau" | "whichcity") => a.where_ = true,
            (_, "howmany" | "howmuch" | "baonhieu") => a.count = true,
            (_, "when" | "whens" | "wen") => a.when = true,
            ("what" | "which" | "wat", "time") | (_, "whattime" | "maygio") => {
                a.when = true;
                a.time = true;
            }
            ("what" | "which", "date" | "day" | "year" | "month") => a.when = true,
            ("khi" | "bao" | "luc" | "hom" | "ngay" | "nam", "nao" | "gio") => a.when = true,
            (_, "where" | "wheres") | ("o" | "tai", "dau") => a.where_ = true,
            ("how" | "hw", "many" | "much") | ("bao", "nhieu") | ("number", "of") => a.count = true,
            _ => {}
        }
        prev = w;
    }
    a
}

/// Whether "who" after `prev` opens a relative clause ("people who testify",
/// "countries who signed") rather than asking for a person: after a word for people
/// or a plural noun. A verb that takes a question after it ("knows who", "asks who")
/// is not a plural noun.
fn heads_relative_clause(prev: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "anybody",
        "anyone",
        "everybody",
        "everyone",
        "man",
        "nobody",
        "one",
        "ones",
        "people",
        "person",
        "somebody",
        "someone",
        "those",
        "woman",
    ];
    const VERBS: &[&str] = &[
        "asks", "decides", "explains", "knows", "lists", "means", "says", "shows", "tells",
        "wonders",
    ];
    PEOPLE.contains(&prev)
        || (prev.len() > 3
            && prev.ends_with('s')
            && !prev.ends_with("ss")
            && !VERBS.contains(&prev))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    #[test]
    fn question_words_say_what_is_asked() {
        let w = |s: &str| crate::text::words(&fold(s));
        assert!(asks(&w("who is the head of unodc")).who);
        assert!(asks(&w("Hi. Who signed first?")).who);
        assert!(asks(&w("does anyone know who chaired it")).who);
        assert!(asks(&w("Which person signed the convention for China?")).who);
        assert!(asks(&w("what official signed for the UK")).who);
        assert!(!asks(&w("what did the minister say")).who);
        assert!(!asks(&w("is there anything on shielding people who testify")).who);
        assert!(!asks(&w("countries who signed in hanoi")).who);
        assert!(asks(&w("what time does it start")).when);
        assert!(asks(&w("le ky o dau")).where_);
        assert!(asks(&w("bao nhieu nuoc da ky")).count);
        assert_eq!(asks(&w("tell me about the theme")), Asks::default());
    }
}
