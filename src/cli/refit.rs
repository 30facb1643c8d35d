//! `hanoi-bot refit`: fit the answer-or-refuse model, print its cross-validated figures,
//! and (with `--write`) save it where the knowledge loader will find it.
//!
//! The moderators' review labels (`/kb review`, `hanoi-bot review`) in the bot's
//! database are added to the case files; a written model marks them fitted, so
//! `/kb stats` counts only newer labels as waiting.

use crate::answers::Desk;
use crate::curation::refit::{self, Case};
use crate::store::Store;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

const DEFAULT_CASES: &str = "tests/blind/train.toml";

/// The review labels of a database, as cases.
pub struct Labels {
    db: PathBuf,
    cases: Vec<Case>,
    /// The newest label's number.
    through: i64,
}

impl Labels {
    /// The labels in `db`, or in the configured database when it exists (`None`: no
    /// database, no labels).
    pub fn read(desk: &Desk, db: Option<&Path>) -> anyhow::Result<Option<Labels>> {
        let default = PathBuf::from(&desk.config.storage.path);
        let path = db.unwrap_or(&default);
        if !path.is_file() {
            if db.is_some() {
                anyhow::bail!("no database at {}", path.display());
            }
            return Ok(None);
        }
        let labels = Store::open(path)
            .and_then(|s| s.labels())
            .with_context(|| format!("reading the review labels in {}", path.display()))?;
        Ok(Some(Labels {
            db: path.to_path_buf(),
            through: labels.iter().map(|l| l.id).max().unwrap_or(0),
            cases: refit::label_cases(&labels),
        }))
    }
}

/// Fits on `files` (and `labels`), prints the figures, and writes the model to `write`.
pub fn run(
    desk: &Desk,
    files: &[PathBuf],
    labels: Option<Labels>,
    l2: f32,
    folds: usize,
    write: Option<&Path>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let default = [PathBuf::from(DEFAULT_CASES)];
    let files = if files.is_empty() {
        &default[..]
    } else {
        files
    };
    let mut cases: Vec<Case> = Vec::new();
    for f in files {
        cases.extend(refit::load_cases(f)?);
    }
    let mut sources: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    if let Some(l) = &labels {
        let n = l.cases.len();
        let phrasings = l.cases.iter().filter(|c| c.in_scope()).count();
        writeln!(
            out,
            "{n} review label{} from {} ({phrasings} a phrasing of an entry, {} out of scope)",
            if n == 1 { "" } else { "s" },
            l.db.display(),
            n - phrasings
        )?;
        cases.extend(l.cases.iter().cloned());
        sources.push(format!("review labels in {} ({n})", l.db.display()));
    }
    if let Ok(path) = std::env::var("HANOI_REFIT_DUMP") {
        // Development aid: every candidate row as JSON lines, for analysis elsewhere.
        let mut dump = String::new();
        for (c, e) in cases.iter().zip(refit::examples(desk, &cases)) {
            let rows: Vec<_> = e
                .candidates
                .iter()
                .map(|(f, y)| (f.values().to_vec(), *y))
                .collect();
            let line = serde_json::json!({"q": c.q, "in": e.in_scope, "register": c.register(), "rows": rows});
            dump.push_str(&line.to_string());
            dump.push('\n');
        }
        std::fs::write(&path, dump).with_context(|| format!("writing {path}"))?;
    }
    let r = refit::refit(desk, &cases, l2, folds);
    // Written before anything is printed, so a closed stdout cannot lose it.
    if let Some(path) = write {
        let mut model = r.model.clone();
        model.fit.date = chrono::Utc::now().format("%Y-%m-%d").to_string();
        model.fit.cases = sources;
        std::fs::write(path, model.to_toml())
            .with_context(|| format!("writing {}", path.display()))?;
        if let Some(l) = &labels {
            Store::open(&l.db)
                .and_then(|s| s.mark_labels_fitted(l.through))
                .with_context(|| format!("marking the labels in {} fitted", l.db.display()))?;
        }
        writeln!(out, "wrote {}", path.display())?;
    }
    let cv = r.cross_validated;
    let w = |out: &mut dyn Write, s: String| writeln!(out, "{s}");
    w(
        out,
        format!(
            "{} questions ({} in scope, {} out), {} candidate rows, L2 {l2}, {folds}-fold cross-validation by question:",
            cases.len(),
            cv.in_total,
            cv.out_total,
            r.model.fit.rows
        ),
    )?;
    w(
        out,
        format!(
            "  a right entry among the candidates: {:5.1}%; ranked first by the model: {:5.1}%",
            100.0 * r.reachable as f32 / cv.in_total.max(1) as f32,
            100.0 * cv.in_ranked as f32 / cv.in_total.max(1) as f32
        ),
    )?;
    for (t, f) in &r.by_threshold {
        let mark = if (*t - desk.config.matcher.threshold).abs() < 1e-6 {
            "  <- matcher.threshold"
        } else {
            ""
        };
        w(
            out,
            format!(
                "  threshold {t:.2}: in-scope answered right {:5.1}%  out-of-scope refused {:5.1}%{mark}",
                100.0 * f.in_scope(),
                100.0 * f.out_of_scope()
            ),
        )?;
    }
    w(
        out,
        "weights per unit of each feature:   rank   decide".into(),
    )?;
    let names = r
        .model
        .features
        .iter()
        .map(String::as_str)
        .chain(["rank_lead"]);
    for (i, name) in names.enumerate() {
        let rank = r
            .model
            .rank
            .get(i)
            .map_or(String::new(), |x| format!("{x:+8.3}"));
        w(
            out,
            format!("  {name:<30} {rank:>8} {:+8.3}", r.model.weights[i]),
        )?;
    }
    w(
        out,
        format!("  {:<30} {:>8} {:+8.3}", "(bias)", "", r.model.bias),
    )?;
    Ok(())
}
