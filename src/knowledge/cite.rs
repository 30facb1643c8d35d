//! The short source line users see under an answer, from the curators' full one.
//!
//! Curators list every source an answer draws on, with notes and links ("VGP, 25 Oct
//! 2025 (baovinhlong.com.vn); VTC News (10:00, signer) https://…; UN Treaty
//! Collection"). Users get one short line: the first source's outlet and date, one link
//! that belongs to that outlet, and how many other sources there are. The full list
//! stays for curators (`ask --explain`, `/kb source`).

use crate::lang::Lang;

/// The line shown to users: "VGP, 25 Oct 2025 · https://… (and 2 other sources)".
pub fn short_source(source: &str, lang: Lang) -> String {
    let segments: Vec<&str> = source
        .split("; ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let Some(first) = segments.first() else {
        return String::new();
    };
    let label = label_of(first);
    let outlet = outlet_of(&label);
    // The first source's own link, else a link another segment gives for the same outlet.
    let link = urls(first).next().or_else(|| {
        segments[1..]
            .iter()
            .filter(|s| outlet_of(&label_of(s)) == outlet)
            .find_map(|s| urls(s).next())
    });
    let mut line = label;
    if let Some(link) = link {
        line.push_str(" · ");
        line.push_str(link);
    }
    let more = segments.len() - 1;
    match (more, lang) {
        (0, _) => {}
        (1, Lang::En) => line.push_str(" (and 1 other source)"),
        (n, Lang::En) => line.push_str(&format!(" (and {n} other sources)")),
        (n, Lang::Vi) => line.push_str(&format!(" (và {n} nguồn khác)")),
    }
    line
}

/// The URLs in a segment.
pub fn urls(segment: &str) -> impl Iterator<Item = &str> {
    segment
        .split_whitespace()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .map(|w| w.trim_end_matches([',', '.', ')']))
}

/// The outlet and date of one source: links and remarks in brackets dropped, except a
/// bracketed date when the rest has none ("VNA, President's message (25-26 Oct 2025)").
fn label_of(segment: &str) -> String {
    let words: Vec<&str> = segment
        .split_whitespace()
        .filter(|w| !w.starts_with("http://") && !w.starts_with("https://"))
        .collect();
    let text = words.join(" ");
    let mut out = String::new();
    let mut remarks = Vec::new();
    let mut depth = 0usize;
    let mut remark = String::new();
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    remark.clear();
                    continue;
                }
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    remarks.push(std::mem::take(&mut remark));
                    continue;
                }
            }
            _ => {}
        }
        if depth > 0 {
            remark.push(c);
        } else {
            out.push(c);
        }
    }
    let mut label = out.split_whitespace().collect::<Vec<_>>().join(" ");
    label = label
        .trim_end_matches([',', ';', ':', ' '])
        .replace(" ,", ",");
    if !has_year(&label) {
        if let Some(date) = remarks.iter().find(|r| has_year(r)) {
            label = format!("{label} ({date})");
        }
    }
    label
}

/// The outlet's name: what comes before the first comma ("VGP, 25 Oct 2025" → "VGP").
fn outlet_of(label: &str) -> &str {
    label.split(',').next().unwrap_or(label).trim()
}

fn has_year(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_outlet_one_date_one_link() {
        let full = "VGP, 25 Oct 2025; VTC News (10:00, signer) https://amp.vtcnews.vn/a.html; UN Treaty Collection";
        assert_eq!(
            short_source(full, Lang::En),
            "VGP, 25 Oct 2025 (and 2 other sources)"
        );
        assert_eq!(
            short_source(full, Lang::Vi),
            "VGP, 25 Oct 2025 (và 2 nguồn khác)"
        );
        assert_eq!(
            short_source(
                "UN Treaty Collection (art. 64) https://treaties.un.org/x.xml; Nhan Dan https://nhandan.vn/y; VGP, 25 Oct 2025",
                Lang::En
            ),
            "UN Treaty Collection · https://treaties.un.org/x.xml (and 2 other sources)"
        );
        assert_eq!(
            short_source("VNA, 25 Oct 2025", Lang::En),
            "VNA, 25 Oct 2025"
        );
    }

    #[test]
    fn the_link_belongs_to_the_outlet_named() {
        let full = "VNA, 25 Oct 2025; venue: CAND https://cand.vn/a; VNA https://vnanet.vn/b";
        assert_eq!(
            short_source(full, Lang::En),
            "VNA, 25 Oct 2025 · https://vnanet.vn/b (and 2 other sources)"
        );
    }

    #[test]
    fn remarks_go_but_a_bracketed_date_stays() {
        assert_eq!(
            short_source(
                "VNA, President's message (25-26 Oct 2025); VGP, 25 Oct 2025",
                Lang::En
            ),
            "VNA, President's message (25-26 Oct 2025) (and 1 other source)"
        );
        assert_eq!(
            short_source("VGP, 25 Oct 2025 (baovinhlong.com.vn)", Lang::En),
            "VGP, 25 Oct 2025"
        );
        assert_eq!(
            short_source("VNA/VLLF (vietnamlawmagazine.vn), Oct 2025", Lang::En),
            "VNA/VLLF, Oct 2025"
        );
    }
}
