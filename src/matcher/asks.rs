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
    /// A reason ("why", "how come", "tại sao"): no record of a state's status gives one.
    pub why: bool,
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
            (_, "why" | "whys" | "taisao" | "visao" | "lydo")
            | ("how", "come")
            | ("tai" | "vi", "sao")
            | ("ly", "do") => a.why = true,
            (_, "when" | "whens" | "wen") => a.when = true,
            ("what" | "which" | "wat", "time") | (_, "whattime" | "maygio") => {
                a.when = true;
                a.time = true;
            }
            ("what" | "which", "date" | "day" | "year" | "month") => a.when = true,
            ("khi" | "bao" | "luc" | "hom" | "ngay" | "nam", "nao" | "gio") => a.when = true,
            (_, "where" | "wheres") | ("o" | "tai", "dau") => a.where_ = true,
            ("how" | "hw", "many" | "much") | ("bao", "nhieu") | ("number", "of") => a.count = true,
            // The attribute named as a noun, as short questions do: "banquet start
            // time", "rehearsal date", "signature deadline", "guest count".
            (p, "time" | "times") if STARTS.contains(&p) => {
                a.when = true;
                a.time = true;
            }
            (p, "date" | "dates") if !matches!(p, "to" | "up" | "out") => a.when = true,
            (_, "deadline" | "deadlines") => a.when = true,
            _ => {}
        }
        prev = w;
    }
    // At the end only: "opening session time" asks when, "time in hanoi" does not;
    // "guest count" asks how many, "count as serious" does not.
    if let [.., p, w] = words {
        match (p.as_str(), w.as_str()) {
            (p, "time" | "times") if !NOT_A_CLOCK.contains(&p) => {
                a.when = true;
                a.time = true;
            }
            (_, "count" | "total" | "numbers") => a.count = true,
            _ => {}
        }
    }
    a
}

/// Words before "time" that make it the time something starts or ends.
const STARTS: &[&str] = &[
    "begin",
    "beginning",
    "closing",
    "end",
    "ending",
    "finish",
    "finishing",
    "kickoff",
    "opening",
    "start",
    "starting",
];

/// Words before a final "time" that make it something other than a clock time ("a long
/// time", "the first time", "in time", "local time").
const NOT_A_CLOCK: &[&str] = &[
    "a", "all", "any", "at", "enough", "every", "extra", "first", "free", "full", "good", "great",
    "hard", "in", "last", "local", "long", "many", "more", "much", "my", "next", "no", "of", "on",
    "one", "our", "own", "part", "real", "right", "same", "short", "some", "spare", "such", "that",
    "the", "their", "this", "whole", "your",
];

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

    #[test]
    fn an_attribute_named_as_a_noun_is_asked_for() {
        let w = |s: &str| crate::text::words(&fold(s));
        for q in [
            "banquet start time",
            "opening session time",
            "side events what times",
        ] {
            let a = asks(&w(q));
            assert!(a.when && a.time, "{q}");
        }
        for q in [
            "rehearsal date",
            "entry into force date",
            "signature deadline new york",
        ] {
            assert!(asks(&w(q)).when, "{q}");
        }
        for q in [
            "banquet guest count",
            "press agencies count",
            "attendance numbers",
        ] {
            assert!(asks(&w(q)).count, "{q}");
        }
        // Not a question about a clock time, a day or a count.
        for q in [
            "time in hanoi",
            "it took a long time",
            "the first time",
            "is the list up to date",
            "what makes an offence count as serious",
        ] {
            assert_eq!(asks(&w(q)), Asks::default(), "{q}");
        }
    }
}
