//! Low-confidence OCR words, found back in the normalized text so that
//! their warning points at them (a span, not only a page).

use super::NormDoc;
use crate::error::Warning;
use crate::ingest::pdf::ocr::OcrReport;

/// Warnings beyond this many per document are summed up in one (a poor
/// scan can have thousands of uncertain words).
const MAX_WARNINGS: usize = 200;

/// One `ocr_low_confidence` warning per uncertain word of `report`: at the
/// word in `norm` when the line it was laid in holds it, else at that
/// line, else on its page.
pub fn low_confidence_warnings(report: &OcrReport, norm: &NormDoc) -> Vec<Warning> {
    let mut out = Vec::new();
    for w in report.low.iter().take(MAX_WARNINGS) {
        let message = format!(
            "OCR is unsure of the word {:?} (confidence {:.0} of 100)",
            w.text, w.confidence
        );
        let centre = ((w.bbox[0] + w.bbox[2]) / 2.0, (w.bbox[1] + w.bbox[3]) / 2.0);
        let origin = norm.origins.iter().find(|o| {
            o.page == Some(w.page)
                && o.bbox.is_some_and(|b| {
                    centre.0 >= b[0] - 1.0
                        && centre.0 <= b[2] + 1.0
                        && centre.1 >= b[1] - 1.0
                        && centre.1 <= b[3] + 1.0
                })
        });
        let warning = Warning::new("ocr_low_confidence", message);
        out.push(match origin {
            Some(o) => {
                let piece = norm.text.get(o.range.clone()).unwrap_or_default();
                // The word as normalization writes it: apostrophes curled.
                let curled = w.text.replace('\'', "\u{2019}");
                let at = piece.find(&w.text).or_else(|| piece.find(&curled));
                let len = if piece.find(&w.text).is_some() {
                    w.text.len()
                } else {
                    curled.len()
                };
                match at {
                    Some(i) => warning.at(o.range.start + i..o.range.start + i + len),
                    None => warning.at(o.range.clone()),
                }
            }
            None => warning.on_page(w.page),
        });
    }
    if report.low.len() > MAX_WARNINGS {
        out.push(Warning::new(
            "ocr_low_confidence",
            format!(
                "{} more words were read with low confidence (see source.ocr)",
                report.low.len() - MAX_WARNINGS
            ),
        ));
    }
    out
}
