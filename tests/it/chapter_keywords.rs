//! Chapters, like articles, carry the words users search them by: a question in plain
//! words ("which chapter lists the crimes") finds the chapter without its legal title.

use hanoi_bot::knowledge::Knowledge;
use hanoi_bot::matcher::{Matcher, MatcherConfig};

const KNOWLEDGE: &str = r#"
[meta]
title = "Test knowledge"
version = "test-1"
timezone = "Asia/Ho_Chi_Minh"
utc_offset = "+07:00"
first_day = "2025-10-15"
last_day = "2025-10-26"
event_days = ["2025-10-25"]
source = "Test sources"

[[chapter]]
number = 1
title = "General provisions"
articles = [1, 1]
source = "UNODC"

[[chapter]]
number = 2
title = "Criminalization"
title_vi = "Hình sự hóa"
articles = [2, 2]
keywords = ["list of offences", "crimes"]
source = "UNODC"

[[article]]
number = 1
title = "Statement of purpose"
basis = "sourced"
source = "UNODC"

[[article]]
number = 2
title = "Illegal access"
basis = "structure"
source = "UNODC"
"#;

#[test]
fn chapter_keywords_are_searchable_next_to_the_vietnamese_title() {
    let k = Knowledge::parse(KNOWLEDGE, "inline").unwrap_or_else(|p| panic!("{p}"));
    let chapter = k.entry("chapter-2").expect("chapter entry");
    assert!(chapter.keywords.iter().any(|w| w == "Hình sự hóa"));
    assert!(chapter.keywords.iter().any(|w| w == "list of offences"));
    let m = Matcher::new(&k, MatcherConfig::default());
    let r = m.find("which chapter lists the crimes");
    assert!(r.answered, "{r:?}");
    assert_eq!(k.entries[r.best.unwrap()].id, "chapter-2");
}
