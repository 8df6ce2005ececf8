//! Rules on the gazetteer's keys shared by the look-ups
//! (`src/extract/gazetteer.rs`) and by `build.rs`, which keys the tables
//! with them at compile time: one definition for both.

/// The key without its leading article ("de l orne" → "orne", "la
/// reunion" → "reunion").
pub fn strip_article_key(k: &str) -> &str {
    for a in [
        "de la ", "de l ", "des ", "du ", "de ", "d ", "la ", "le ", "les ", "l ",
    ] {
        if let Some(rest) = k.strip_prefix(a) {
            return rest;
        }
    }
    k
}
