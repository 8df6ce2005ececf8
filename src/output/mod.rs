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
    pretty(doc, &mut *out)?;
    out.push(b'\n');
    Ok(())
}

/// Top-level blocks from which [`pretty`] writes them on the pool.
const PAR_BLOCKS: usize = 1024;
/// Top-level blocks one job of the pool writes.
const BLOCKS_PER_JOB: usize = 256;
/// Jobs written at once: memory holds their bytes only.
const JOBS_AT_ONCE: usize = 4;

/// The pretty JSON of `doc` (without the final newline), written to `w` as
/// it is produced. The blocks are nearly all of a long document's JSON
/// (15 of 16 MB for 1,000 pages): they are written on the pool, a few jobs
/// at a time, between the rest of the document, written around an empty
/// `blocks` array. The bytes are those of one pass of [`Style`]: a block
/// of the array is written as the array's own element is (at its indent,
/// with the separator and line break the array puts before it).
fn pretty<W: Write>(doc: &model::Document, mut w: W) -> Result<(), OutputError> {
    let io = serde_json::Error::io;
    if doc.blocks.len() < PAR_BLOCKS || rayon::current_num_threads() < 2 {
        let mut ser = serde_json::Serializer::with_formatter(&mut w, Style::default());
        serde::Serialize::serialize(doc, &mut ser)?;
        return Ok(());
    }
    let mut around = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut around, Style::default());
    serde::Serialize::serialize(&without_blocks(doc), &mut ser)?;
    // The array's key at the indent of the document's own keys: no other
    // key is there, and no string holds a raw line break.
    const KEY: &[u8] = b"\n  \"blocks\": [";
    let Some(at) = memchr::memmem::rfind(&around, KEY).map(|i| i + KEY.len()) else {
        return Err(OutputError::Json(serde::ser::Error::custom(
            "no blocks array in the document's JSON",
        )));
    };
    let (head, tail) = around.split_at(at);
    w.write_all(head).map_err(io)?;
    let pieces: Vec<(usize, &[model::Block])> = doc
        .blocks
        .chunks(BLOCKS_PER_JOB)
        .enumerate()
        .map(|(i, p)| (i * BLOCKS_PER_JOB, p))
        .collect();
    for jobs in pieces.chunks(JOBS_AT_ONCE) {
        let written = crate::par::map(true, jobs.to_vec(), |(first, blocks)| {
            let mut out = Vec::new();
            for (k, b) in blocks.iter().enumerate() {
                // The array's separator and line break, at the elements'
                // indent (two levels).
                out.extend_from_slice(if first + k == 0 {
                    b"\n    "
                } else {
                    b",\n    "
                });
                let style = Style {
                    indent: 2,
                    ..Style::default()
                };
                let mut ser = serde_json::Serializer::with_formatter(&mut out, style);
                serde::Serialize::serialize(b, &mut ser)?;
            }
            Ok::<_, serde_json::Error>(out)
        });
        for bytes in written {
            w.write_all(&bytes?).map_err(io)?;
        }
    }
    // The array closed on its own line, at the key's indent; `tail` starts
    // with the `]` of the empty array.
    w.write_all(b"\n  ").map_err(io)?;
    w.write_all(tail).map_err(io)?;
    Ok(())
}

/// `doc` with no blocks (the rest cloned: a few percent of a long
/// document's bytes).
fn without_blocks(doc: &model::Document) -> model::Document {
    let model::Document {
        schema_version,
        tool,
        source,
        web,
        kind,
        subject,
        title,
        issuer,
        region,
        date,
        dates,
        periods,
        counts,
        territories,
        lists,
        people,
        amounts,
        contacts,
        acronyms,
        furniture,
        blocks: _,
        warnings,
        fiches,
        fiche_counts,
    } = doc;
    model::Document {
        schema_version: schema_version.clone(),
        tool: tool.clone(),
        source: source.clone(),
        web: web.clone(),
        kind: *kind,
        subject: *subject,
        title: title.clone(),
        issuer: issuer.clone(),
        region: region.clone(),
        date: date.clone(),
        dates: dates.clone(),
        periods: periods.clone(),
        counts: counts.clone(),
        territories: territories.clone(),
        lists: lists.clone(),
        people: people.clone(),
        amounts: amounts.clone(),
        contacts: contacts.clone(),
        acronyms: acronyms.clone(),
        furniture: furniture.clone(),
        blocks: Vec::new(),
        warnings: warnings.clone(),
        fiches: fiches.clone(),
        fiche_counts: fiche_counts.clone(),
    }
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
/// The same bytes as a line of `--jsonl` ([`write_json_line`]: U+2028 and
/// U+2029 escaped).
pub fn to_json_compact_into(doc: &model::Document, out: &mut Vec<u8>) -> Result<(), OutputError> {
    out.clear();
    write_json_line(doc, &mut *out)
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
    #[inline]
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

/// Writes the pretty JSON of `doc` (as [`to_json`] makes it, trailing
/// newline included) to `w` as it is produced: memory holds no copy of the
/// whole text, whatever the size of the document. A 200 MB text input
/// makes about 2.5 GB of JSON; built in one buffer, that buffer alone was
/// over the memory of most machines.
pub fn write_json<W: Write>(doc: &model::Document, mut w: W) -> Result<(), OutputError> {
    pretty(doc, &mut w)?;
    w.write_all(b"\n").map_err(serde_json::Error::io)?;
    Ok(())
}

/// Writes `value` as one line of JSON Lines (compact JSON and `\n`), as it
/// is produced. U+2028 and U+2029 are written as `\u2028` and `\u2029`:
/// JSON allows them raw inside strings, but readers that split lines the
/// way JavaScript or Python's `str.splitlines` do would cut the record there.
pub fn write_json_line<T, W>(value: &T, mut w: W) -> Result<(), OutputError>
where
    T: serde::Serialize + ?Sized,
    W: Write,
{
    let mut ser = serde_json::Serializer::with_formatter(&mut w, LineStyle);
    value.serialize(&mut ser)?;
    w.write_all(b"\n").map_err(serde_json::Error::io)?;
    Ok(())
}

/// [`write_json_line`] into a new buffer.
pub fn json_line<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, OutputError> {
    let mut out = Vec::new();
    write_json_line(value, &mut out)?;
    Ok(out)
}

/// serde_json's compact layout, with the line and paragraph separators
/// escaped (see [`write_json_line`]).
#[derive(Default, Clone, Copy)]
pub struct LineStyle;

impl Formatter for LineStyle {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Both are E2 80 A8/A9 in UTF-8: most fragments have no E2 byte and
        // are written in one call.
        let mut rest = fragment;
        while let Some(at) = rest.find(['\u{2028}', '\u{2029}']) {
            let (head, tail) = rest.split_at(at);
            w.write_all(head.as_bytes())?;
            let escape: &[u8] = if tail.starts_with('\u{2028}') {
                b"\\u2028"
            } else {
                b"\\u2029"
            };
            w.write_all(escape)?;
            rest = tail.get(3..).unwrap_or_default();
        }
        w.write_all(rest.as_bytes())
    }
}

/// A `Write` that gathers bytes in a buffer lent by the caller (emptied
/// first) and passes them on to `inner` in chunks of at least `chunk`
/// bytes: a document smaller than a chunk costs one write, as when it was
/// built whole in memory, and a larger one never takes more than a chunk
/// of memory. A batch lends the same buffer to every document.
pub struct Chunked<'a, W: Write> {
    buf: &'a mut Vec<u8>,
    inner: W,
    chunk: usize,
}

impl<'a, W: Write> Chunked<'a, W> {
    pub fn new(buf: &'a mut Vec<u8>, inner: W, chunk: usize) -> Self {
        buf.clear();
        Chunked { buf, inner, chunk }
    }

    /// Writes what is gathered and returns `inner`.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.drain()?;
        Ok(self.inner)
    }

    #[cold]
    fn drain(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            self.inner.write_all(self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

impl<W: Write> Write for Chunked<'_, W> {
    // Inlined into the serializer, as `Vec`'s writes are: one per token.
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= self.chunk {
            self.drain()?;
        }
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.write(bytes).map(|_| ())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.drain()?;
        self.inner.flush()
    }
}

/// Longest part of the final name kept in a temporary name: with the pid
/// and the random part it must stay under the 255 bytes a name may take.
const TEMP_NAME_PART: usize = 120;

/// An output being written: a new temporary file in the folder of its
/// destination, renamed over the destination by [`PendingFile::commit`],
/// removed if dropped before. Readers and killed runs see the old file or
/// the new one, never a part of one.
///
/// The temporary is created with `O_CREAT | O_EXCL` (`create_new`) under
/// an unpredictable name, `.NAME.PID.RANDOM.tmp`: nothing planted in the
/// folder (a symbolic link to another file, say) can be written through,
/// because an existing entry of that name makes the creation fail instead
/// of opening it, and no name can be guessed in advance. The pid lets a
/// later run tell the temporaries of a killed process from those of a live
/// one ([`temp_owner`]).
pub struct PendingFile {
    tmp: tempfile::NamedTempFile,
    dest: PathBuf,
}

impl PendingFile {
    /// Creates the temporary for `dest`, and `dest`'s folder if it is
    /// missing.
    pub fn create(dest: &Path) -> Result<PendingFile, OutputError> {
        let err = |source| OutputError::Write {
            path: dest.to_path_buf(),
            source,
        };
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut cut = name.len().min(TEMP_NAME_PART);
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        // The pid is asked of the kernel once, not per file.
        static PID: std::sync::LazyLock<u32> = std::sync::LazyLock::new(std::process::id);
        let prefix = format!(".{}.{}.", name.get(..cut).unwrap_or_default(), *PID);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp").rand_bytes(10);
        #[cfg(unix)]
        {
            // As `File::create` makes files (the umask applies), not the
            // owner-only mode of temporary files: this is the output.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        // The folder is created only when the file cannot be: a batch
        // writes thousands of files into folders that exist, and
        // `create_dir_all` costs a `stat` of the folder each time.
        let tmp = match builder.tempfile_in(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(dir).map_err(err)?;
                builder.tempfile_in(dir).map_err(err)?
            }
            r => r.map_err(err)?,
        };
        Ok(PendingFile {
            tmp,
            dest: dest.to_path_buf(),
        })
    }

    /// The temporary file, to write the contents into.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.tmp.as_file_mut()
    }

    /// Where the file will be once committed.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Renames the temporary over the destination, after an `fsync` when
    /// `sync`. On failure the temporary is removed and the destination is
    /// left as it was.
    pub fn commit(self, sync: bool) -> Result<(), OutputError> {
        let PendingFile { tmp, dest } = self;
        let err = |source| OutputError::Write {
            path: dest.clone(),
            source,
        };
        if sync {
            tmp.as_file().sync_all().map_err(err)?;
        }
        tmp.persist(&dest).map_err(|e| err(e.error))?;
        Ok(())
    }
}

/// The pid in the name of a temporary made by [`PendingFile`]
/// (`.NAME.PID.RANDOM.tmp`) or by earlier versions (`.NAME.PID.tmp`).
pub fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (head, last) = rest.rsplit_once('.')?;
    if let Some((_, pid)) = head.rsplit_once('.') {
        if let Ok(pid) = pid.parse() {
            if !last.is_empty() && last.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Some(pid);
            }
        }
    }
    last.parse().ok()
}

/// Whether `e` says that the disk (or the user's quota on it) is full: a
/// batch then stops instead of failing every input that follows.
pub fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// Writes `contents` to `path` through a [`PendingFile`], flushed to disk
/// (`fsync`) before the rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), OutputError> {
    write_with(path, true, |f| f.write_all(contents))
}

/// [`write_atomic`] without the `fsync`: readers and killed runs still see
/// the old or the new contents, never a mix, but the data reaches the disk
/// when the kernel writes it back. For batches, which flush the whole
/// output folder once at the end: an `fsync` per file costs a journal
/// commit each (4 to 8 ms on ext4 here), more than converting a document.
pub fn write_atomic_unsynced(path: &Path, contents: &[u8]) -> Result<(), OutputError> {
    write_with(path, false, |f| f.write_all(contents))
}

/// Writes `path` atomically through a [`PendingFile`], its contents
/// written by `fill` (through a buffer).
pub fn write_with(
    path: &Path,
    sync: bool,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    let err = |source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut pending = PendingFile::create(path)?;
    let mut w = std::io::BufWriter::with_capacity(64 << 10, pending.file());
    fill(&mut w).map_err(err)?;
    w.flush().map_err(err)?;
    drop(w);
    pending.commit(sync)
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

    #[test]
    fn json_lines_escape_line_and_paragraph_separators() {
        let v = serde_json::json!({"a\u{2028}": "x\u{2029}y\u{2028}", "b": "plain é"});
        let line = String::from_utf8(json_line(&v).unwrap()).unwrap();
        assert_eq!(
            line,
            "{\"a\\u2028\":\"x\\u2029y\\u2028\",\"b\":\"plain é\"}\n"
        );
        assert!(!line.contains('\u{2028}') && !line.contains('\u{2029}'));
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back, v);
        assert_eq!(line.lines().count(), 1);
    }

    #[test]
    fn temp_owner_reads_the_pid_of_temporaries() {
        assert_eq!(temp_owner(".a.txt.json.1234.Xy9ab2Qz01.tmp"), Some(1234));
        assert_eq!(temp_owner(".a.txt.json.1234.tmp"), Some(1234));
        assert_eq!(temp_owner(".errors.jsonl.77.tmp"), Some(77));
        assert_eq!(temp_owner("a.txt.json"), None);
        assert_eq!(temp_owner(".x.tmp"), None);
    }

    fn tmpdir(name: &str) -> PathBuf {
        let d = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/test-tmp/output")
            .join(name);
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// Temporaries are new files with unguessable names: two at once for
    /// one destination never share one, a dropped one leaves nothing, and
    /// the destination is replaced (a link there is replaced, not followed).
    #[cfg(unix)]
    #[test]
    fn pending_files_are_new_unique_and_renamed_over_the_destination() {
        let d = tmpdir("pending");
        let victim = d.join("victim.txt");
        std::fs::write(&victim, "VICTIM").unwrap();
        let dest = d.join("out/a.txt.json");
        let mut one = PendingFile::create(&dest).unwrap();
        let two = PendingFile::create(&dest).unwrap();
        assert_ne!(one.tmp.path(), two.tmp.path());
        let name = one
            .tmp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(".a.txt.json.") && name.ends_with(".tmp"),
            "{name}"
        );
        assert_eq!(temp_owner(&name), Some(std::process::id()));
        drop(two);
        std::os::unix::fs::symlink(&victim, &dest).unwrap();
        one.file().write_all(b"{}\n").unwrap();
        one.commit(false).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "VICTIM");
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "{}\n");
        assert!(!std::fs::symlink_metadata(&dest)
            .unwrap()
            .file_type()
            .is_symlink());
        let left: Vec<_> = std::fs::read_dir(d.join("out")).unwrap().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn chunked_writes_the_same_bytes_in_chunks() {
        let mut buf = Vec::new();
        let mut out = Vec::new();
        {
            let mut w = Chunked::new(&mut buf, &mut out, 10);
            for i in 0..100u8 {
                w.write_all(&[i; 3]).unwrap();
            }
            w.finish().unwrap();
        }
        assert_eq!(out.len(), 300);
        assert!(buf.capacity() < 64);
    }

    /// The streamed JSON is the JSON of `to_json`.
    #[test]
    fn streamed_json_is_the_buffered_json() {
        let text = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/meuse-ctsm-2023.txt"
        ))
        .unwrap();
        let doc = crate::process_bytes("meuse.txt", &text, &crate::Options::default())
            .unwrap()
            .document;
        let mut streamed = Vec::new();
        write_json(&doc, &mut streamed).unwrap();
        assert_eq!(streamed, to_json(&doc).unwrap().into_bytes());
    }
}
