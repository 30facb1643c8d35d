//! `hanoi-bot refit`: fit the answer-or-refuse model, print its cross-validated figures,
//! and (with `--write`) save it where the knowledge loader will find it.

use crate::answers::Desk;
use crate::curation::refit::{self, Case};
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

const DEFAULT_CASES: &str = "tests/blind/train.toml";

pub fn run(
    desk: &Desk,
    files: &[PathBuf],
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
        model.fit.cases = files.iter().map(|f| f.display().to_string()).collect();
        std::fs::write(path, model.to_toml())
            .with_context(|| format!("writing {}", path.display()))?;
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
