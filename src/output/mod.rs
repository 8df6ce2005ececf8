//! Stage 5: serialise [`model::Document`] as pretty, deterministic JSON and
//! write it atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::ser::{CompactFormatter, Formatter};

use crate::error::OutputError;
use crate::model;

/// Pretty JSON with a trailing newline. Key order is the field order of
/// `model`, so the bytes are the same from run to run. Arrays of numbers (the
/// bounding boxes) stay on one line: one line per coordinate made the files
/// twice as long and harder to read.
pub fn to_json(doc: &model::Document) -> Result<String, OutputError> {
    // serde_json writes only valid UTF-8.
    String::from_utf8(to_json_bytes(doc)?)
        .map_err(|e| OutputError::Json(serde::ser::Error::custom(e)))
}

/// [`to_json`] as bytes, for writing to a file: the batch does not pay for
/// checking that a 200 KB buffer is UTF-8 (about 1 % of its time).
pub fn to_json_bytes(doc: &model::Document) -> Result<Vec<u8>, OutputError> {
    // The previous document's size, as the room to start with: growing the
    // buffer from nothing copies it a dozen times for a 150 KB document.
    thread_local! {
        static LAST_LEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let hint = LAST_LEN.with(|l| l.get()).clamp(4 << 10, 16 << 20);
    let mut out = Vec::with_capacity(hint + hint / 8);
    to_json_into(doc, &mut out)?;
    LAST_LEN.with(|l| l.set(out.len()));
    Ok(out)
}

/// [`to_json_bytes`] into `out`, emptied first: a batch gives the buffer of
/// its previous document, and allocates (and frees) none per document.
pub fn to_json_into(doc: &model::Document, out: &mut Vec<u8>) -> Result<(), OutputError> {
    out.clear();
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Style::default());
    serde::Serialize::serialize(doc, &mut ser)?;
    out.push(b'\n');
    Ok(())
}

/// The document as one line of JSON with a trailing newline (`--compact`,
/// and each line of `--jsonl`): the same values and key order as
/// [`to_json`], without the indentation, which is over a third of the
/// pretty form's bytes.
pub fn to_json_compact(doc: &model::Document) -> Result<String, OutputError> {
    let mut out = Vec::new();
    to_json_compact_into(doc, &mut out)?;
    String::from_utf8(out).map_err(|e| OutputError::Json(serde::ser::Error::custom(e)))
}

/// [`to_json_compact`] into `out`, emptied first (see [`to_json_into`]).
pub fn to_json_compact_into(doc: &model::Document, out: &mut Vec<u8>) -> Result<(), OutputError> {
    out.clear();
    serde_json::to_writer(&mut *out, doc)?;
    out.push(b'\n');
    Ok(())
}

/// serde_json's pretty layout (two-space indent, one value per line), except
/// for arrays whose first element is a number (or a boolean, or null): those
/// are written on one line, `[60.77, 730.92, 533.96, 782.67]`.
#[derive(Default)]
struct Style {
    indent: usize,
    /// Whether the innermost open container got a value (to close it on its
    /// own line).
    has_value: bool,
    /// One flag per open array: written on one line.
    inline: Vec<bool>,
    /// The first element of the innermost array comes next: its kind decides
    /// the array's layout.
    first_pending: bool,
}

impl Style {
    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        // The line break and the indent in one write: one capacity check of
        // the buffer instead of one per level (~5,000 keys a document, 6 to
        // 10 levels deep). Deeper than the spaces at hand, the rest goes in
        // further slices of them.
        const SPACES: &[u8; 65] =
            b"\n                                                                ";
        let mut n = 2 * self.indent;
        let head = n.min(64);
        w.write_all(&SPACES[..=head])?;
        n -= head;
        while n > 0 {
            let k = n.min(64);
            w.write_all(&SPACES[1..=k])?;
            n -= k;
        }
        Ok(())
    }

    /// Called as a value starts; `number` tells its kind.
    fn value<W: ?Sized + Write>(&mut self, w: &mut W, number: bool) -> std::io::Result<()> {
        if !std::mem::take(&mut self.first_pending) {
            return Ok(());
        }
        if number {
            if let Some(top) = self.inline.last_mut() {
                *top = true;
            }
            Ok(())
        } else {
            self.newline(w)
        }
    }
}

/// The scalar writers of [`Style`]: mark the value, then write it as
/// serde_json's compact formatter does.
macro_rules! scalars {
    ($($name:ident($t:ty)),* $(,)?) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W, v: $t) -> std::io::Result<()> {
            self.value(w, true)?;
            CompactFormatter.$name(w, v)
        }
    )*};
}

impl Formatter for Style {
    scalars!(
        write_bool(bool),
        write_i8(i8),
        write_i16(i16),
        write_i32(i32),
        write_i64(i64),
        write_i128(i128),
        write_u8(u8),
        write_u16(u16),
        write_u32(u32),
        write_u64(u64),
        write_u128(u128),
        write_f32(f32),
        write_f64(f64),
        write_number_str(&str),
        write_raw_fragment(&str),
    );

    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.value(w, true)?;
        w.write_all(b"null")
    }

    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        // Also called for object keys, when no array element is pending.
        self.value(w, false)?;
        w.write_all(b"\"")
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.value(w, false)?;
        self.indent += 1;
        self.has_value = false;
        self.inline.push(false);
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.indent = self.indent.saturating_sub(1);
        let inline = self.inline.pop().unwrap_or(false);
        if self.has_value && !inline {
            self.newline(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            self.first_pending = true;
            Ok(())
        } else if self.inline.last() == Some(&true) {
            w.write_all(b", ")
        } else {
            w.write_all(b",")?;
            self.newline(w)
        }
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.value(w, false)?;
        self.indent += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.indent = self.indent.saturating_sub(1);
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder
/// and a rename, so that a reader (or a killed run) never sees half a file.
/// The file is flushed to disk (`fsync`) before the rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), OutputError> {
    write_via_rename(path, contents, true)
}

/// [`write_atomic`] without the `fsync`: readers and killed runs still see
/// the old or the new contents, never a mix, but the data reaches the disk
/// when the kernel writes it back. For batches, which flush the whole
/// output folder once at the end: an `fsync` per file costs a journal
/// commit each (4 to 8 ms on ext4 here), more than converting a document.
pub fn write_atomic_unsynced(path: &Path, contents: &[u8]) -> Result<(), OutputError> {
    write_via_rename(path, contents, false)
}

fn write_via_rename(path: &Path, contents: &[u8], sync: bool) -> Result<(), OutputError> {
    let err = |source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The pid is asked of the kernel once, not per file.
    static PID: std::sync::LazyLock<u32> = std::sync::LazyLock::new(std::process::id);
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", *PID));
    // The folder is created only when the file cannot be: a batch writes
    // thousands of files into folders that exist, and `create_dir_all`
    // costs a `stat` of the folder each time.
    let mut f = match std::fs::File::create(&tmp) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(err)?;
            std::fs::File::create(&tmp).map_err(err)?
        }
        r => r.map_err(err)?,
    };
    f.write_all(contents).map_err(err)?;
    if sync {
        f.sync_all().map_err(err)?;
    }
    drop(f);
    std::fs::rename(&tmp, path).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(v: &serde_json::Value) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Style::default());
        serde::Serialize::serialize(v, &mut ser).expect("serialises");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn number_arrays_on_one_line_everything_else_pretty() {
        let v = serde_json::json!({
            "bbox": [1.5, 2.0, -3.25, 4],
            "empty": [],
            "none": {},
            "names": ["a", "b"],
            "spans": [{"start": 0, "bbox": [0.0, 1.0]}, {"start": 7, "page": null}],
            "nested": [[1, 2], [3]],
        });
        let want = r#"{
  "bbox": [1.5, 2.0, -3.25, 4],
  "empty": [],
  "none": {},
  "names": [
    "a",
    "b"
  ],
  "spans": [
    {
      "start": 0,
      "bbox": [0.0, 1.0]
    },
    {
      "start": 7,
      "page": null
    }
  ],
  "nested": [
    [1, 2],
    [3]
  ]
}"#;
        assert_eq!(styled(&v), want);
    }

    #[test]
    fn same_value_as_serde_pretty_and_same_text_without_number_arrays() {
        let v = serde_json::json!({
            "title": {"text": "Projet « territorial »\n", "span": {"start": 0, "end": 12}},
            "warnings": [{"code": "count_mismatch", "detail": "6 annoncés, 7 listés"}],
            "flags": [true, false],
        });
        let back: serde_json::Value = serde_json::from_str(&styled(&v)).expect("parses");
        assert_eq!(back, v);
        let no_numbers = serde_json::json!({"a": {"b": ["x", "y"], "c": {}}, "d": []});
        assert_eq!(
            styled(&no_numbers),
            serde_json::to_string_pretty(&no_numbers).expect("serialises")
        );
    }
}
