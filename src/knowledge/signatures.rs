//! The `[[country]]` records and the `[signatories]` table, as the knowledge file
//! writes them: what the sources say about who signed, with source and confidence.

use serde::Deserialize;

/// A state or a regional organisation, and what the sources say about its signature.
///
/// Only what a source reports: a state no source mentions has no record, and the bot
/// says the list it holds is partial instead of answering "no".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// Stable id, unique among countries ("united-states").
    pub id: String,
    /// "state" or "regional-organisation" (the EU signs as a regional economic
    /// integration organisation).
    #[serde(default = "state")]
    pub kind: String,
    /// English name as the source writes it ("Russian Federation", "Côte d'Ivoire").
    pub name: String,
    /// The name takes "the" in a sentence: the United States, the European Union.
    #[serde(default)]
    pub definite: bool,
    /// Vietnamese name.
    pub name_vi: String,
    /// ISO 3166-1 alpha-2 code; brings the country data's names and codes as aliases.
    #[serde(default)]
    pub iso: Option<String>,
    /// Names the country data lacks: informal English ("Russia"), Vietnamese with and
    /// without diacritics ("Liên bang Nga", "Lien bang Nga").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// signed, reported-signed, reported-not-signed or attended (see `STATUSES`).
    pub status: String,
    /// Date of signature, "YYYY-MM-DD", where the source gives it.
    #[serde(default)]
    pub date: Option<String>,
    /// The date the status is known as of, for a status that can change
    /// ("not signed in Hanoi" can become "signed in New York").
    #[serde(default)]
    pub as_of: Option<String>,
    /// Outlet or register, short: it is quoted in the answer ("UN Treaty Collection").
    pub source: String,
    #[serde(default)]
    /// Address of the source, where it has one.
    pub url: Option<String>,
    /// high, medium or low, as the curators' reference rates the report.
    pub confidence: String,
    /// The report is one secondary source's: answers say "as reported by ...".
    #[serde(default)]
    pub single_source: bool,
    /// One more sourced sentence for the answer ("first to sign").
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    /// The note in Vietnamese.
    pub note_vi: Option<String>,
}

fn state() -> String {
    "state".into()
}

/// The signatories as a whole: the count, where the full list is kept, until when
/// signature stays open, and the region breakdown with its caveat.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatories {
    /// How many states and organisations have signed, as of `as_of`.
    pub total: u32,
    /// Date of the count, "YYYY-MM-DD".
    pub as_of: String,
    /// Register the count comes from ("UN Treaty Collection").
    pub source: String,
    /// The page that keeps the full, current list.
    pub url: String,
    /// What the total includes ("the EU among the 72").
    pub includes: String,
    /// What the total includes, in Vietnamese.
    pub includes_vi: String,
    /// How the count grew over the event, where the sources give it.
    #[serde(default)]
    pub progress: Option<String>,
    #[serde(default)]
    /// The growth over the event, in Vietnamese.
    pub progress_vi: Option<String>,
    /// What the list of names held here covers, and what it does not.
    pub list_note: String,
    /// The list note, in Vietnamese.
    pub list_note_vi: String,
    /// Last day of signature after the event, "YYYY-MM-DD", and where.
    pub open_until: String,
    /// Where signature stays open ("UN Headquarters in New York").
    pub open_at: String,
    /// Where signature stays open, in Vietnamese.
    pub open_at_vi: String,
    #[serde(default)]
    /// Signatories per region, where a source gives the breakdown.
    pub regions: Vec<Region>,
    #[serde(default)]
    /// Source of the region breakdown.
    pub regions_source: Option<String>,
    #[serde(default)]
    /// high, medium or low, as the reference rates the breakdown.
    pub regions_confidence: Option<String>,
    #[serde(default)]
    /// Why the breakdown is uncertain, said with every answer that uses it.
    pub regions_caveat: Option<String>,
    #[serde(default)]
    /// The caveat, in Vietnamese.
    pub regions_caveat_vi: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
/// One region's count of signatories.
pub struct Region {
    /// Region name in English ("Africa").
    pub name: String,
    /// Region name in Vietnamese.
    pub name_vi: String,
    /// Signatories from the region.
    pub count: u32,
}
