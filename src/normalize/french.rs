//! French typographic rules, each a small function that borrows when the
//! input is already clean.

use std::borrow::Cow;
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// Unicode NFC.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if is_nfc(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}
