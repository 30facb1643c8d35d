//! The problems of one knowledge file, collected with their lines as checks find them.
//!
//! Every check (`validate`, `structure`, `completeness`, the country records) reports
//! into one [`Report`], so a curator sees every problem at once.

use super::Problem;
use crate::text::Lines;
use chrono::NaiveDate;

/// Problems found so far in one file, and how to place a byte offset on a line.
pub(super) struct Report<'a> {
    pub(super) text: &'a str,
    pub(super) lines: Lines,
    pub(super) file: &'a str,
    pub(super) problems: Vec<Problem>,
}

impl Report<'_> {
    pub(super) fn at(&mut self, span: std::ops::Range<usize>, id: &str, message: String) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            line: self.lines.line(span.start),
            id: (!id.is_empty()).then(|| id.to_string()),
            message,
        });
    }

    /// 1-based line of a byte offset.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// Where `[meta]` starts (problems of the file's frame are reported there).
    pub(super) fn meta_span(&self) -> std::ops::Range<usize> {
        let at = match self.text.find("[meta]") {
            Some(i) if i == 0 || self.text.as_bytes()[i - 1] == b'\n' => i,
            _ => 0,
        };
        at..at
    }

    /// The last line (where a file cut short now ends).
    pub(super) fn end_span(&self) -> std::ops::Range<usize> {
        let end = self.text.trim_end().len();
        let start = self.text[..end].rfind('\n').map_or(0, |i| i + 1);
        start..start
    }

    pub(super) fn nonempty(
        &mut self,
        span: std::ops::Range<usize>,
        id: &str,
        field: &str,
        value: &str,
    ) {
        if value.trim().is_empty() {
            self.at(span, id, format!("`{field}` is empty"));
        }
    }

    pub(super) fn max_len(
        &mut self,
        span: std::ops::Range<usize>,
        id: &str,
        field: &str,
        v: &str,
        max: usize,
    ) {
        let n = v.chars().count();
        if n > max {
            self.at(
                span,
                id,
                format!("`{field}` is {n} characters; Discord shows at most {max}"),
            );
        }
    }
}

/// A `YYYY-MM-DD` date.
pub(super) fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}
