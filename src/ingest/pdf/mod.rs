//! PDF: lopdf for the object layer, our own content-stream interpreter,
//! font/encoding layer and layout (words → lines → blocks, reading order,
//! page furniture).

use super::{IngestOptions, RawDoc};
use crate::error::IngestError;

pub fn read(_bytes: &[u8], _opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    Err(IngestError::Unsupported(
        "PDF reading is not implemented yet".into(),
    ))
}
