//! The JSON contract: every type serialised into `out/<name>.json`.
//!
//! This module mirrors `schemas/ptsm.schema.json` field for field. Nothing
//! upstream of `extract` builds these values, and `output` only serialises
//! them. Field order here is key order in the output, so keep it stable:
//! changing it is a contract change (bump [`SCHEMA_VERSION`]).
//!
//! Conventions: code and keys in English, data (text, names, statuses as
//! written) in French. Byte spans index the *normalized* text of the
//! document; `line` is 1-based in that text; `page` is 1-based and present
//! only when the source has pages (PDF).

use serde::{Deserialize, Serialize};

/// Version of the JSON contract. Bump the minor part for additions, the
/// major part for anything that can break a reader.
pub const SCHEMA_VERSION: &str = "1.2.0";

/// One processed input document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema_version: String,
    /// The tool that wrote this file (`ptsm` and its version).
    pub tool: Tool,
    pub source: Source,
    pub kind: DocKind,
    pub title: Option<TextValue>,
    pub issuer: Option<Issuer>,
    pub date: Option<DateValue>,
    /// Periods such as "CTSM 2023-2028".
    pub periods: Vec<Period>,
    /// Declared counts that are not attached to a territory's groups or
    /// actions ("7 projets territoriaux", "600 acteurs", "17 fiches-action").
    pub counts: Vec<DeclaredCount>,
    pub territories: Vec<Territory>,
    pub people: Vec<Person>,
    pub amounts: Vec<Amount>,
    pub contacts: Contacts,
    /// Acronyms found in the text, expanded where the glossary knows them.
    pub acronyms: Vec<Acronym>,
    /// Text removed from PDF pages as running headers, footers and page
    /// numbers: reported here rather than lost.
    pub furniture: Vec<Furniture>,
    /// The block tree of the normalized text (title, headings, paragraphs,
    /// lists with nested items). Concatenating the spans loses no text.
    pub blocks: Vec<Block>,
    pub warnings: Vec<Warning>,
    /// Fiches-action read as records (tables of label/value rows, labelled
    /// paragraphs, action sheets), in document order.
    pub fiches: Vec<Fiche>,
    /// The numbers of fiches the document declares ("compte 16 fiches
    /// actions"), each reconciled against the fiches it announces (those
    /// up to the next declaration: one per plan in a collection of plans).
    pub fiche_counts: Vec<FicheCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The path as given on the command line (`-` for standard input).
    pub path: String,
    pub format: SourceFormat,
    /// SHA-256 of the input bytes, lowercase hex.
    pub sha256: String,
    /// Detected text encoding (`UTF-8`, `UTF-16LE`, `windows-1252`…), for
    /// text inputs; `null` for PDF.
    pub encoding: Option<String>,
    pub bytes: u64,
    /// Page count for paged sources (PDF), `null` for text.
    pub pages: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Text,
    Pdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    PressRelease,
    Ptsm,
    Ctsm,
    Roadmap,
    Unknown,
}

/// Where an item comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offsets `[start, end)` in the normalized text.
    pub start: usize,
    pub end: usize,
    /// 1-based line of `start` in the normalized text.
    pub line: u32,
    /// 1-based page, for paged sources.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// Bounding box on the page `[x0, y0, x1, y1]` in PDF points, origin at
    /// the bottom left of the (unrotated) page, for PDF sources.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub bbox: Option<[f32; 4]>,
}

/// A piece of text as found, with where it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextValue {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issuer {
    /// Canonical name, e.g. "ARS Normandie".
    pub name: String,
    /// Region, e.g. "Normandie", "Grand Est".
    pub region: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateValue {
    /// ISO 8601 (`2023-12-13`), or `2023-12` / `2023` when that is all the
    /// text says.
    pub value: String,
    /// As written ("13 décembre 2023").
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    /// What the period qualifies ("CTSM", "PTSM", "feuille de route"…), when said.
    pub label: Option<String>,
    pub start: i32,
    pub end: i32,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredCount {
    pub count: u32,
    /// The counted noun as written ("actions", "fiches-action",
    /// "projets territoriaux de santé mentale").
    pub what: String,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Territory {
    /// Stable id, a slug of the normalized name ("eure", "rouen-elbeuf-pays-de-bray").
    pub id: String,
    /// As written in the document ("de l’Orne", "Rouen – Elbeuf – Pays-de-Bray").
    pub name: String,
    /// Without article or preposition, canonical spelling ("Orne").
    pub normalized_name: String,
    pub key: String,
    /// Official département code ("61", "2A", "971") when the territory is a
    /// département; `null` otherwise.
    pub departement: Option<String>,
    pub declared: Declared,
    /// Axes or themes the document lists for the territory.
    pub axes: Vec<Item>,
    pub working_groups: Vec<Item>,
    pub actions: Vec<Item>,
    pub periods: Vec<Period>,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Declared {
    pub working_groups: Option<Count>,
    pub actions: Option<Count>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub count: u32,
    /// Contract status of what is counted, when stated.
    pub status: Option<CountStatus>,
    /// As written ("25 actions contractualisées").
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountStatus {
    /// "contractualisées", "contractualisée".
    Contracted,
    /// "à contractualiser" (and the misspelling "à contractualisée").
    ToBeContracted,
}

/// A working group, an action, an axis, or a sub-item of one of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id: `<territory>/<list>/<n>` with `n` 1-based in list order,
    /// and `/<m>` appended for sub-items ("eure/actions/10/2").
    pub id: String,
    /// The item text, normalized, without its list marker.
    pub text: String,
    /// Matching key: lowercase, accents and punctuation folded.
    pub key: String,
    pub sub_items: Vec<Item>,
    /// Parenthetical notes, without the parentheses.
    pub notes: Vec<String>,
    /// "- priorité 2" → 2.
    pub priority: Option<u32>,
    /// The list marker as written ("→", "•", "1.", "a)"), `null` when the
    /// item had none.
    pub marker: Option<String>,
    /// Thematic tags from the taxonomy in `data/themes.json`.
    pub themes: Vec<ThemeTag>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeTag {
    /// Taxonomy id ("perinatalite", "logement", "priorite-1-reperage-precoce").
    pub id: String,
    pub label: String,
    /// The words in the item that triggered the tag, as written.
    pub triggers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// As written, with case normalized ("Virginie Cayre").
    pub name: String,
    /// "directrice générale", "Préfet", "Président".
    pub role: Option<String>,
    /// "ARS Grand Est", "la Meuse", "Conseil Départemental de la Meuse".
    pub organization: Option<String>,
    /// True when the text says this person signed.
    pub signatory: bool,
    pub span: Span,
    /// Where the role was found, when it is not next to the name.
    pub role_span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// Value in euros ("2 millions d’euros" → 2000000).
    pub value: f64,
    pub currency: String,
    /// "plus de", "près de", "jusqu’à"…
    pub qualifier: Option<String>,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contacts {
    pub emails: Vec<Email>,
    pub phones: Vec<Phone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Email {
    pub address: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phone {
    /// E.164 ("+33376330115").
    pub e164: String,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acronym {
    pub acronym: String,
    /// From the document's own definition ("Maison Des Adolescents (MDA)")
    /// or else the glossary in `data/acronyms.json`; `null` when unknown.
    pub expansion: Option<String>,
    /// Where `expansion` comes from; `null` when it is `null`.
    #[serde(default)]
    pub expansion_source: Option<ExpansionSource>,
    pub occurrences: u32,
    /// First occurrence.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpansionSource {
    /// Defined in the document itself, "words (ACRONYM)".
    Document,
    /// From the glossary `data/acronyms.json`.
    Glossary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Furniture {
    pub page: u32,
    pub kind: FurnitureKind,
    pub text: String,
    pub bbox: [f32; 4],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    Header,
    Footer,
    PageNumber,
}

/// A node of the block tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Heading level (1 = top) or list nesting depth (1 = outer list).
    pub level: u32,
    /// The list marker as written, for list items.
    pub marker: Option<String>,
    /// The text of the block without its marker (empty for lists and
    /// tables).
    pub text: String,
    pub span: Span,
    /// For a `table` block: its rows and cells (absent for other kinds).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub table: Option<Table>,
    /// For a `toc_entry` block: the page number the entry gives (absent
    /// for other kinds, and for an entry without one).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page_ref: Option<u32>,
    pub children: Vec<Block>,
}

/// A table of a PDF (ruled, or words aligned in columns): rows of cells on
/// a grid of `columns` columns. A table continued over a page break is one
/// table with a region on each page. Its span covers its rows, one line of
/// the normalized text each, cells separated by tabs (one field per grid
/// column, empty where a cell spans from the left or above).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub columns: u32,
    /// The table's box on each page it covers, in page order.
    pub regions: Vec<TableRegion>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRegion {
    pub page: u32,
    /// `[x0, y0, x1, y1]` in PDF points, origin bottom left.
    pub bbox: [f32; 4],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    /// A header row: the table's first rows when they head its columns,
    /// and a header repeated at the top of a page the table continues on.
    pub header: bool,
    /// The cells that start in this row, left to right.
    pub cells: Vec<TableCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableCell {
    /// 0-based row and column of the cell's top left grid cell.
    pub row: u32,
    pub col: u32,
    pub rowspan: u32,
    pub colspan: u32,
    /// The cell is in a header row.
    pub header: bool,
    /// Its text, normalized (lines joined, de-hyphenated); empty for an
    /// empty cell.
    pub text: String,
    /// The page the cell starts on, and its box there (the area its
    /// rulings, or its column and row bounds, enclose; not only its text).
    pub page: u32,
    pub bbox: [f32; 4],
    /// Where its text is in the normalized text (an empty span at its
    /// place in the row for an empty cell).
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
    List,
    ListItem,
    /// A line that is only a rule ("=====" under a plain-text heading):
    /// kept so that no text is lost, ignored by extraction.
    Rule,
    /// A table (PDF): its cells are in [`Block::table`].
    Table,
    /// A table of contents: its entries are its children. Extraction
    /// skips it (its lines name sections, they are not items).
    Toc,
    /// One entry of a table of contents: `text` is its title (number
    /// included, dot leaders and page number left out), `level` its depth
    /// (1 = top), `page_ref` the page it gives.
    TocEntry,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable machine-readable code, e.g. `count_mismatch`, `duplicate_item`,
    /// `mojibake_repaired`, `unmapped_glyph`.
    pub code: String,
    pub message: String,
    pub span: Option<Span>,
}

/// A fiche-action read as a record: its number, title and fields. Every
/// value carries its span; `fields` keeps every label/value pair as found,
/// those the label table does not know included (`field` null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fiche {
    /// The action's id: that of the listed action (`<territory>/actions/<n>`)
    /// when the document's lists name it, else `fiches/<number>`.
    pub id: String,
    /// As written after "Fiche action n°", "FA", "Action" ("4", "3.1").
    pub number: Option<String>,
    pub title: Option<TextValue>,
    pub layout: FicheLayout,
    pub axis: Option<TextValue>,
    /// The decree priority field as written ("4° (situations de crise)").
    pub priority: Option<TextValue>,
    /// The priorities of décret 2017-1200 it names (1 to 6).
    pub priorities: Vec<u32>,
    pub general_objective: Option<TextValue>,
    /// One entry per objective, without its list marker.
    pub operational_objectives: Vec<TextValue>,
    pub description: Option<TextValue>,
    /// Organisations and people who pilot the action ("Pilote(s)",
    /// "Porteur", "Responsable de l’action"…).
    pub pilots: Vec<Actor>,
    pub partners: Vec<Actor>,
    pub target_public: Option<TextValue>,
    pub territory: Option<TextValue>,
    /// One entry per step of the calendar ("2021 : antenne de Montluçon").
    pub calendar: Vec<CalendarEntry>,
    pub indicators: Vec<TextValue>,
    /// The amounts of the budget and funders fields, with their funder.
    pub budget: Vec<BudgetLine>,
    pub contact: Option<FicheContact>,
    /// Where the recap list (or recap table) names this fiche.
    pub recap: Option<Span>,
    pub fields: Vec<FicheField>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FicheLayout {
    /// Rows of a table (label cell, value cell).
    Table,
    /// "Label : value" paragraphs under the fiche's heading.
    Labelled,
    /// An action sheet of a regional database (OSCARS-style).
    Sheet,
}

/// One label/value pair of a fiche.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FicheField {
    /// The field the label fills (`pilots`, `calendar`… see
    /// `data/fiche-labels.tsv`); `null` for a label the table does not know.
    pub field: Option<String>,
    pub label: TextValue,
    /// The value, its lines joined by a space.
    pub value: TextValue,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub kind: ActorKind,
    /// "Centre hospitalier de Moulins-Yzeure", "Dr Claire FAURE".
    pub name: String,
    /// A person's role as written after the name.
    pub role: Option<String>,
    /// A person's organisation when written before the name.
    pub organization: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Organization,
    Person,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub text: String,
    /// ISO 8601, as precise as the text ("2020", "2020-10", "2021-04-01";
    /// a quarter or a semester gives its first and last month).
    pub start: Option<String>,
    /// `null` for an open end ("à partir de 2020").
    pub end: Option<String>,
    /// What happens then, when written after a colon ("sessions").
    pub what: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetLine {
    /// In euros ("850 k€" → 850000).
    pub value: f64,
    pub currency: String,
    /// The amount as written.
    pub text: String,
    /// Who pays, when written with the amount ("ARS", "communes").
    pub funder: Option<String>,
    /// "par an": a yearly amount.
    pub per_year: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FicheContact {
    pub text: String,
    pub emails: Vec<String>,
    /// As written.
    pub phones: Vec<String>,
    pub span: Span,
}

/// A declared number of fiches and the number found in its part of the
/// document (a `fiche_count_mismatch` warning when they differ).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FicheCount {
    pub declared: u32,
    pub found: u32,
    /// The count as written ("dix fiches actions").
    pub text: String,
    pub span: Span,
}
