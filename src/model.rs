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
pub const SCHEMA_VERSION: &str = "2.2.0";

/// One processed input document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema_version: String,
    /// The tool that wrote this file (`ptsm` and its version).
    pub tool: Tool,
    pub source: Source,
    /// What a web page says about itself besides its text (canonical URL,
    /// language, site name, dates, attached documents); absent for PDF and
    /// text sources.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub web: Option<WebMeta>,
    /// The genre of the document, from its own signals.
    pub kind: DocKind,
    /// What the document is about, when it says so (a PTSM, a CTSM, a
    /// diagnostic…).
    pub subject: Option<Subject>,
    pub title: Option<TextValue>,
    /// The organisation that issued the document, as the text states it;
    /// `null` when the text does not say.
    pub issuer: Option<Issuer>,
    /// The administrative region the document is about ("Normandie",
    /// "Grand Est"), when the text names it or names its ARS.
    pub region: Option<String>,
    /// The document's own date (publication, version, adoption, meeting of
    /// minutes, else last update), only when fully stated.
    pub date: Option<DateValue>,
    /// Every date expression of the text, in text order.
    pub dates: Vec<DateMention>,
    /// Periods such as "CTSM 2023-2028".
    pub periods: Vec<Period>,
    /// Declared counts that are not attached to a territory's groups or
    /// actions ("7 projets territoriaux", "600 acteurs", "17 fiches-action").
    pub counts: Vec<DeclaredCount>,
    pub territories: Vec<Territory>,
    /// Every list of the document's own PTSM content (actions, axes,
    /// priorities, themes, groups…), in text order.
    pub lists: Vec<List>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The pages whose text comes from OCR (1-based, ascending). Absent
    /// when no page was OCR'd.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub ocr_pages: Vec<u32>,
    /// The OCR engine and how sure it was of each page it read. Absent
    /// when no page was OCR'd.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ocr: Option<Ocr>,
}

/// How the pages of `Source::ocr_pages` were read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ocr {
    /// `tesseract`.
    pub engine: String,
    /// The engine's version as it reports it (`5.3.0`).
    pub version: String,
    /// The engine's language model (`fra`).
    pub language: String,
    pub pages: Vec<OcrPage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrPage {
    pub page: u32,
    /// Mean word confidence of the engine on this page, 0 to 100.
    pub mean_confidence: f32,
    /// Words read on the page.
    pub words: u32,
    /// Words under the confidence threshold (each one also a
    /// `ocr_low_confidence` warning).
    pub low_confidence_words: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Text,
    Pdf,
    /// A web page (HTML or XHTML): its main content, as a reader view
    /// shows it.
    Html,
}

/// The metadata of a web page: what the page states about itself in its
/// markup (`<head>`, JSON-LD, `<time>`, links), not in its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WebMeta {
    /// `<link rel="canonical">`, else `og:url` or JSON-LD `url`.
    pub canonical_url: Option<String>,
    /// The language of the page (`<html lang>`), as written ("fr", "fr-FR").
    pub lang: Option<String>,
    /// The site's name (`og:site_name`, JSON-LD `publisher`).
    pub site_name: Option<String>,
    /// The page's own title as its metadata gives it (`og:title`, JSON-LD,
    /// `<title>`), before the site name is removed.
    pub title: Option<String>,
    /// The author line (`<meta name="author">`, JSON-LD `author`, a
    /// byline), when the page gives one.
    pub byline: Option<String>,
    /// When the page says it was published.
    pub published: Option<WebDate>,
    /// When the page says it was last updated.
    pub modified: Option<WebDate>,
    /// How the main content was chosen.
    pub content: WebContent,
    /// Links of the page to documents (PDF, DOCX, ODT…), with their text,
    /// in page order, outside navigation and footers.
    pub attachments: Vec<Attachment>,
}

/// A date a web page gives in its markup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebDate {
    /// As written (`2023-12-13T09:30:00+01:00`, "Publié le 13/12/2023").
    pub text: String,
    /// ISO 8601 day (`2023-12-13`), when the text is a full date.
    pub value: Option<String>,
    /// Where it was found.
    pub from: WebDateSource,
}

/// Where a web page gives a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WebDateSource {
    /// A `<meta>` of the head (`article:published_time`, `dc.date`…).
    Meta,
    /// A JSON-LD block (`datePublished`, `dateModified`).
    JsonLd,
    /// A `<time datetime>` element.
    Time,
    /// A "Publié le …" / "Mis à jour le …" line outside the main content.
    Text,
}

/// How the main content of a web page was chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WebContent {
    /// Mozilla Readability's algorithm found the article.
    #[default]
    Readability,
    /// Readability found nothing worth keeping: the whole page without its
    /// navigation, header, footer, banners and hidden parts.
    Page,
}

/// A link of a web page to a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// Absolute when the page's address is known, else as written.
    pub url: String,
    /// The link's text ("Télécharger le communiqué (PDF, 212 Ko)").
    pub text: String,
    /// `pdf`, `docx`, `doc`, `odt`, `xlsx`, `xls`, `ods`, `pptx`, `ppt`,
    /// `odp`, `rtf`, `zip`: from the address's extension, or the link's
    /// `type`.
    pub format: String,
}

/// The genre of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// "Communiqué de presse", "Contact presse", a dateline.
    PressRelease,
    /// News of an institution about itself (an ARS, a hospital, a DAC, a
    /// coordination): "Actualités", a newsletter, minutes of its meetings.
    InstitutionalNews,
    /// A newspaper or news site: a byline, "Publié le … à 06h08".
    NewsArticle,
    /// Any other web page: explainers, contact pages, site furniture.
    WebPage,
    /// An extract of a PDF document (a PTSM, a CTSM, a diagnostic, a
    /// roadmap, a report): cover, table of contents, page furniture.
    PdfExtract,
    /// An action sheet of a regional database (OSCARS) or a single
    /// fiche-action.
    ActionSheet,
    Unknown,
}

/// What a document is about, when it says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// A projet territorial de santé mentale.
    Ptsm,
    /// A contrat territorial de santé mentale.
    Ctsm,
    /// A diagnostic territorial partagé.
    Diagnostic,
    /// A feuille de route.
    Roadmap,
    /// A report (bilan, rapport d'activité).
    Report,
    /// Minutes of a meeting (compte rendu).
    Minutes,
    /// One action (an action sheet, a fiche-action).
    Action,
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
    /// Canonical name, e.g. "ARS Normandie", "Centre hospitalier de Thuir".
    pub name: String,
    pub kind: IssuerKind,
    /// Region, e.g. "Normandie", "Grand Est", when the name says it.
    pub region: Option<String>,
    /// The other organisations of a joint release, in the order of the text.
    pub co_issuers: Vec<String>,
    /// How the text states it.
    pub evidence: IssuerEvidence,
    /// The statement as written ("Source : ARS Île-de-France").
    pub text: String,
    pub span: Span,
}

/// What kind of organisation issued a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuerKind {
    /// An agence régionale de santé (or one of its délégations).
    Ars,
    /// A département (conseil départemental).
    Departement,
    /// A préfecture (the State in the département).
    Prefecture,
    /// A hospital (centre hospitalier, CHU, EPSM, CHS).
    Hospital,
    /// A dispositif d'appui à la coordination.
    Dac,
    /// An association, a union, a regional health body (CRES, ORS, IREPS).
    Association,
    /// A newspaper or news site.
    Press,
    /// Anything else (a PTSM coordination, a platform such as OSCARS).
    Other,
}

/// Where the issuer is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuerEvidence {
    /// A header, logo or site-name line at the top of the document.
    Header,
    /// A caption naming the organisation with a date ("… - ARS Grand Est -
    /// décembre 2017").
    Caption,
    /// "Source : …", "This content first appeared on: …".
    SourceLine,
    /// "Contact presse" followed by the organisation.
    PressContact,
    /// "Coordination : …", "Mise en page assurée par …" on a cover.
    Cover,
    /// The organisation speaks of itself as the author ("Communiqué de
    /// presse de …", a press release signed by its agency).
    Statement,
    /// A web page's site name (`og:site_name`, JSON-LD `publisher`), when
    /// the text states no issuer.
    SiteName,
}

/// The document's own date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateValue {
    /// ISO 8601 (`2023-12-13`), or `2023-12` / `2023` when that is all the
    /// text says.
    pub value: String,
    /// As written ("13 décembre 2023").
    pub text: String,
    /// What the date is in the document (publication, version, adoption…).
    pub role: DateRole,
    pub span: Span,
}

/// A date expression of the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// ISO 8601: a day `2023-12-13`, a month `2023-12`, a year `2023`, a
    /// quarter `2021-Q2`, or an interval `A/B` of those ("du 5 au 10
    /// février 2018" → `2018-02-05/2018-02-10`). `null` when the year is
    /// missing and the document does not give it.
    pub value: Option<String>,
    /// As written.
    pub text: String,
    pub role: DateRole,
    /// True when the year is not written next to the date and was taken
    /// from the document itself (its date, a "Calendrier 2018" heading).
    pub year_inferred: bool,
    pub span: Span,
}

/// What a date is, from the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRole {
    /// "Publié le", a dateline ("Nantes, le …"), a date line at the top.
    Publication,
    /// "Mis à jour le", "Dernière modification".
    Update,
    /// "Version du …", "Version 12.12.2019".
    Version,
    /// "signé le", "signature".
    Signing,
    /// "arrêté", "adopté", "validé", "approuvé".
    Adoption,
    /// A meeting ("comité de pilotage du …", "réunion", "assemblée").
    Meeting,
    /// The date of a law, decree, circular or instruction.
    Law,
    Other,
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
    /// The number (une vingtaine → 20, plus d'une centaine → 100).
    pub count: u32,
    /// What is counted, as a category: `actions`, `fiches_action`, `axes`,
    /// `orientations`, `priorites`, `objectifs`, `objectifs_strategiques`,
    /// `objectifs_operationnels`, `thematiques`, `enjeux`, `constats`,
    /// `ambitions`, `volets`, `pistes_amelioration`, `groupes`,
    /// `participants`, `structures`, `partenaires`, `signataires`,
    /// `membres_comite_pilotage`, `journees_lancement`, `ptsm`, `ctsm`,
    /// `territoires`.
    pub what: String,
    /// The counted noun as written ("fiches-action", "groupes de
    /// réflexion", "projets territoriaux de santé mentale").
    pub noun: String,
    /// "une vingtaine", "près de" → approx; "plus de" → at_least.
    pub qualifier: Option<Qualifier>,
    /// Whom the count is about: a territory, the region, the nation (the
    /// six priorities of the decree).
    pub scope: CountScope,
    /// Id of the territory (in `territories`) the count belongs to, when
    /// `scope` is `territory`.
    pub territory: Option<String>,
    /// Contract status of what is counted, when stated.
    pub status: Option<CountStatus>,
    pub text: String,
    pub span: Span,
}

/// How exact a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "une vingtaine", "près de", "environ".
    Approx,
    /// "plus de", "au moins", "plus d’une trentaine".
    AtLeast,
    /// "moins de", "jusqu’à".
    AtMost,
}

/// Whom a declared count is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountScope {
    Territory,
    Region,
    National,
    /// The text does not say.
    Document,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Territory {
    /// Stable id, a slug of the normalized name ("eure", "rouen-elbeuf-pays-de-bray").
    pub id: String,
    /// As written in the document, first occurrence, without its
    /// preposition ("Orne", "EURE-ET-LOIR", "PTSM 35", "Rouen – Elbeuf –
    /// Pays-de-Bray").
    pub name: String,
    /// Without article or preposition, canonical spelling ("Orne").
    pub normalized_name: String,
    pub key: String,
    pub kind: TerritoryKind,
    /// Official département code ("61", "2A", "971") when the territory is a
    /// département (or an overseas collectivité: "977", "978"); `null`
    /// otherwise.
    pub departement: Option<String>,
    /// The département a sub-departmental territory lies in.
    pub parent_departement: Option<String>,
    /// True for the territory (or territories) the document is about; false
    /// for a territory it only mentions.
    pub about: bool,
    /// Other ways the text names it ("PTSM 55", "meusien", "(29)").
    pub other_forms: Vec<TextValue>,
    /// How many times the text names it.
    pub mentions: u32,
    pub declared: Declared,
    /// Axes or themes the document lists for the territory.
    pub axes: Vec<Item>,
    pub working_groups: Vec<Item>,
    pub actions: Vec<Item>,
    pub periods: Vec<Period>,
    pub span: Span,
}

/// What kind of place a territory is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerritoryKind {
    /// One of the 101 départements (overseas ones included).
    Departement,
    /// A region-wide PTSM territory (Corse).
    Region,
    /// An overseas collectivité with its own code (Saint-Barthélemy 977,
    /// Saint-Martin 978, Saint-Pierre-et-Miquelon 975).
    Collectivite,
    /// Part of a département: arrondissement, territoire de proximité,
    /// bassin, métropole, pays, microrégion.
    SubDepartemental,
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

/// A list of the document's own content: its actions, axes, priorities,
/// themes, working groups…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct List {
    /// Stable id: `list/<n>`, 1-based in text order.
    pub id: String,
    pub kind: ListKind,
    /// Id of the territory (in `territories`) the list belongs to.
    pub territory: Option<String>,
    /// The line, heading or phrase that announces the list ("Les 5 axes
    /// du PTSM 54", "Trois groupes de travail … ont été constitués :").
    pub title: Option<TextValue>,
    pub items: Vec<Item>,
}

/// What a list enumerates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// Actions, fiches-action, chantiers.
    Actions,
    /// Axes (stratégiques, de travail).
    Axes,
    /// Orientations, volets.
    Orientations,
    /// Priorities: the six of décret 2017-1200, or a document's own.
    Priorites,
    /// Themes, domains, thématiques prioritaires.
    Thematiques,
    Enjeux,
    /// Objectives (stratégiques, opérationnels, of an action).
    Objectifs,
    /// Working groups, and population groups used as groups.
    Groupes,
}

/// A working group, an action, an axis, or a sub-item of one of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id: `<list>/<n>` with `n` 1-based in list order, and `/<m>`
    /// appended for sub-items ("eure/actions/10/2", "list/3/2/1").
    pub id: String,
    /// What the item is (an axis's sub-items are actions).
    pub kind: ListKind,
    /// The item text, normalized, without its list marker.
    pub text: String,
    /// Matching key: lowercase, accents and punctuation folded.
    pub key: String,
    /// The number the document gives the item ("3.1", "4", "II"), when it
    /// numbers it.
    pub number: Option<String>,
    pub sub_items: Vec<Item>,
    /// Parenthetical notes, without the parentheses.
    pub notes: Vec<String>,
    /// "- priorité 2" → 2.
    pub priority: Option<u32>,
    /// The national priority of décret 2017-1200 (1 to 6) the item states
    /// or maps to.
    pub decree_priority: Option<u32>,
    /// The list marker as written ("→", "•", "1.", "a)", "Axe 2 :"),
    /// `null` when the item had none.
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
    /// Normalised: first names and surname in title case ("Michèle
    /// Peyron"), without civility or title.
    pub name: String,
    /// As written, without civility or title ("Michèle PEYRON").
    pub name_as_written: String,
    /// Civility or title as written ("M.", "Mme", "Dr", "Pr", "le
    /// Docteur").
    pub title: Option<String>,
    /// "directrice générale", "Préfet", "Président", as written.
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
    /// Where the block comes from in a web page: a CSS selector from the
    /// root (`html > body > main > article > ul:nth-of-type(2) >
    /// li:nth-of-type(3)`); absent for other sources.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    /// For a `table` block: its rows and cells (absent for other kinds).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub table: Option<Table>,
    /// For a `toc_entry` block: the page number the entry gives (absent
    /// for other kinds, and for an entry without one).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page_ref: Option<u32>,
    pub children: Vec<Block>,
}

/// A table: rows of cells on a grid of `columns` columns. In a PDF (ruled,
/// or words aligned in columns) a table continued over a page break is one
/// table with a region on each page; an HTML table has no regions. Its span covers its rows, one line of
/// the normalized text each, cells separated by tabs (one field per grid
/// column, empty where a cell spans from the left or above).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub columns: u32,
    /// The table's box on each page it covers, in page order (PDF; empty
    /// for HTML).
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
    /// rulings, or its column and row bounds, enclose; not only its text):
    /// for PDF; `None` for sources without pages or positions (HTML).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub bbox: Option<[f32; 4]>,
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
    /// A table (PDF, HTML): its cells are in [`Block::table`].
    Table,
    /// A paragraph of a quotation (HTML `blockquote`).
    Quote,
    /// A line of preformatted text (HTML `pre`).
    Preformatted,
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
