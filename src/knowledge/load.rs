//! Reading a knowledge file: parse, validate, build. A file that fails any check is an
//! error listing every [`Problem`], so a bad file can never replace a good one.

use super::{
    collisions, entries, model, validate, Knowledge, Problem, Problems, EMBEDDED, EMBEDDED_NAME,
    MODEL_FILE,
};
use crate::decision::Model;
use crate::text::line_of;
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl Knowledge {
    /// Reads and validates a knowledge file.
    pub fn load(path: &Path) -> Result<Knowledge, Problems> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Problems(vec![Problem {
                file: name.clone(),
                line: 0,
                id: None,
                message: format!("cannot read the file: {e}"),
            }])
        })?;
        let mut k = Knowledge::parse(&text, &name)?;
        k.origin = path.to_path_buf();
        k.digest = Some(super::digest(text.as_bytes()));
        let model = path.with_file_name(MODEL_FILE);
        if model.is_file() {
            let m = Model::load(&model).map_err(|e| {
                Problems(vec![Problem {
                    file: model.display().to_string(),
                    line: 0,
                    id: None,
                    message: e.to_string(),
                }])
            })?;
            k.decision = Arc::new(m);
        }
        Ok(k)
    }

    /// The knowledge shipped inside the binary.
    pub fn embedded() -> Result<Knowledge, Problems> {
        Knowledge::parse(EMBEDDED, EMBEDDED_NAME)
    }

    /// Parses and validates TOML text; `file` names it in problems.
    pub fn parse(text: &str, file: &str) -> Result<Knowledge, Problems> {
        let raw: model::RawKnowledge = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
            Problems(vec![Problem {
                file: file.to_string(),
                line,
                id: None,
                message: e.message().trim().to_string(),
            }])
        })?;
        let checked = validate::validate(&raw, text, file)?;
        let (lines, meta_line) = (checked.lines.clone(), checked.meta_line);
        let k = entries::build(raw, checked, PathBuf::from(file));
        let problems = collisions::check(&k.entries, &lines, meta_line, file);
        if problems.is_empty() {
            Ok(k)
        } else {
            Err(Problems(problems))
        }
    }
}
