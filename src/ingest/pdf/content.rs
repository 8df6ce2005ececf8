//! Content-stream lexer: the operations of a content stream, as lopdf's
//! `Content::decode_iter` yields them, without allocating per operation.
//!
//! lopdf's parser (nom) builds an `Operation { operator: String, operands:
//! Vec<Object> }` per operator, with a `Vec` per string and per array: about
//! 3,000 instructions per operation, half of the interpreter's time. This
//! lexer reads the common forms itself — numbers, names, literal and
//! hexadecimal strings, arrays, dictionaries, booleans, null and comments
//! between operations — into reusable buffers, with strings and names
//! borrowed from the stream when they have no escape.
//!
//! It follows lopdf's grammar (lopdf 0.47 `parser::operation`) exactly where
//! it accepts an operation. Where lopdf's grammar *fails* and the rest of the
//! stream would be lost, it recovers as pdftotext and MuPDF do, and counts
//! each repair ([`Lexer::repairs`]): a number written as a bare sign or point
//! (`-`, `.`: some producers write a zero so in `TJ` arrays or colours) is
//! 0; an operator inside an array (`[(a) 0 Tc -250 (b)] TJ`) is skipped; a
//! comment between operands is skipped, as the spec allows; a stray byte
//! that starts no token (`)`, `}`, `>`…) is skipped. For the rest — an
//! inline image (`BI`), deep nesting, an unterminated string — it hands the
//! rest of the stream, from the start of that operation, to lopdf's own
//! iterator, so the operations, the limits and the error are lopdf's; when
//! that iterator stops before the end of the stream without saying so, the
//! lexer says it ([`Lexer::cut_short`]).

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object, StringFormat};

/// Where the bytes of a string or name are.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bytes {
    /// A range of the stream itself (no escape in it).
    Data(usize, usize),
    /// A range of the lexer's byte buffer (decoded).
    Buf(usize, usize),
}

/// An operand, or an element of an array operand.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Operand {
    Int(i64),
    Real(f32),
    Name(Bytes),
    Str(Bytes),
    /// Elements `start..end` of the item buffer.
    Array(usize, usize),
    /// Index in the dictionary buffer.
    Dict(usize),
    /// Anything the interpreter never reads (null, boolean, reference,
    /// nested array or dictionary in an array, inline image).
    Other,
}

/// One operation, borrowed from the lexer until the next call. Its
/// operands are read from the lexer's buffers through `lex`: three words
/// to move from the lexer to the interpreter, where six slices were
/// copied at every operator (and read back in other widths than they were
/// written, a store-forwarding stall per operator).
pub struct Op<'a> {
    pub operator: &'a [u8],
    lex: &'a Lexer<'a>,
}

/// An element of an array operand.
pub enum Item<'a> {
    Str(&'a [u8]),
    /// What `Object::as_float` gives, if anything (not filtered).
    Num(Option<f32>),
}

impl<'a> Op<'a> {
    pub fn len(&self) -> usize {
        self.lex.operands.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lex.operands.is_empty()
    }

    fn bytes(&self, b: Bytes) -> &'a [u8] {
        bytes(self.lex.data, &self.lex.buf, b)
    }

    /// `Object::as_float` of operand `i`.
    pub fn float(&self, i: usize) -> Option<f32> {
        as_float(self.lex.operands.get(i)?)
    }

    /// `Object::as_name` of operand `i`.
    pub fn name(&self, i: usize) -> Option<&'a [u8]> {
        match self.lex.operands.get(i)? {
            Operand::Name(b) => Some(self.bytes(*b)),
            _ => None,
        }
    }

    /// `Object::as_str` of operand `i`.
    pub fn string(&self, i: usize) -> Option<&'a [u8]> {
        match self.lex.operands.get(i)? {
            Operand::Str(b) => Some(self.bytes(*b)),
            _ => None,
        }
    }

    /// `Object::as_dict` of operand `i`.
    pub fn dict(&self, i: usize) -> Option<&'a Dictionary> {
        match self.lex.operands.get(i)? {
            Operand::Dict(d) => self.lex.dicts.get(*d),
            _ => None,
        }
    }

    /// The elements of operand `i` if it is an array.
    pub fn array(&self, i: usize) -> Option<Items<'a>> {
        let &Operand::Array(s, e) = self.lex.operands.get(i)? else {
            return None;
        };
        Some(self.items(self.lex.items.get(s..e).unwrap_or_default()))
    }

    /// Operand `i` as a one-element list if it is a string: a `Tj` shows
    /// it as a `TJ` shows its array, with the same iterator type.
    pub fn string_items(&self, i: usize) -> Option<Items<'a>> {
        let one = self.lex.operands.get(i..=i)?;
        matches!(one, [Operand::Str(_)]).then(|| self.items(one))
    }

    fn items(&self, list: &'a [Operand]) -> Items<'a> {
        Items {
            list: list.iter(),
            data: self.lex.data,
            buf: &self.lex.buf,
        }
    }
}

/// The elements of an array operand ([`Op::array`]), or a string operand
/// alone ([`Op::string_items`]).
pub struct Items<'a> {
    list: std::slice::Iter<'a, Operand>,
    data: &'a [u8],
    buf: &'a [u8],
}

impl<'a> Iterator for Items<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        Some(match self.list.next()? {
            Operand::Str(b) => Item::Str(bytes(self.data, self.buf, *b)),
            o => Item::Num(as_float(o)),
        })
    }
}

/// The bytes `b` designates: in the stream `data` or in the buffer `buf`.
fn bytes<'a>(data: &'a [u8], buf: &'a [u8], b: Bytes) -> &'a [u8] {
    match b {
        Bytes::Data(s, e) => data.get(s..e),
        Bytes::Buf(s, e) => buf.get(s..e),
    }
    .unwrap_or_default()
}

fn as_float(o: &Operand) -> Option<f32> {
    match *o {
        Operand::Int(i) => Some(i as f32),
        Operand::Real(r) => Some(r),
        _ => None,
    }
}

/// White space as lopdf reads it in content streams.
#[inline(always)]
fn is_ws(c: u8) -> bool {
    CLASS[usize::from(c)] & WS != 0
}

#[inline(always)]
fn is_regular(c: u8) -> bool {
    CLASS[usize::from(c)] & (WS | DELIMITER) == 0
}

#[inline(always)]
fn is_operator_char(c: u8) -> bool {
    CLASS[usize::from(c)] & OPERATOR != 0
}

/// The classes of each byte, looked up once where a chain of comparisons
/// ran per byte of every operator and space: [`WS`], [`DELIMITER`],
/// [`OPERATOR`] (ASCII letters and digits, `*`, `'` and `"`).
const CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C' => WS,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%' => DELIMITER,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'*' | b'\'' | b'"' => OPERATOR,
            _ => 0,
        };
        c += 1;
    }
    t
};
const WS: u8 = 1;
const DELIMITER: u8 = 2;
const OPERATOR: u8 = 4;

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

/// Hexadecimal strings: the value of each byte as a digit, [`HEX_WS`] for
/// white space ([`is_ws`]), [`NOT_HEX`] for anything else.
const HEX: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C' => HEX_WS,
            _ => NOT_HEX,
        };
        c += 1;
    }
    t
};
const HEX_WS: u8 = 16;
const NOT_HEX: u8 = 17;

/// Powers of ten exactly representable as `f32`.
const POW10: [f32; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// `text.parse::<f32>()` for a decimal `[+-]digits.digits` of at most 7
/// significant digits and 10 decimals, the common case: the digits make
/// an integer below 2^24 and the power of ten is exact, so one division
/// is correctly rounded, as `parse` is (Clinger's fast path). `None` for
/// anything else.
fn short_decimal(text: &[u8]) -> Option<f32> {
    let (negative, digits) = match text.split_first()? {
        (b'-', rest) => (true, rest),
        (b'+', rest) => (false, rest),
        _ => (false, text),
    };
    let mut mantissa: u32 = 0;
    let mut decimals: Option<usize> = None;
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    if mantissa >= 1 << 24 {
        return None;
    }
    let v = mantissa as f32 / POW10.get(decimals?)?;
    Some(if negative { -v } else { v })
}

/// The common numbers of a content stream read in one pass: `[+-]digits`
/// and `[+-]digits.digits` (either side of the point may be empty, not
/// both) that end where [`Lexer::number`] would end them, of at most 18
/// digits. A real is its digits as an integer over a power of ten, once
/// the zeros that end its decimals are dropped (they do not change its
/// value): up to 7 significant digits and 10 decimals, [`short_decimal`]'s
/// exact `f32` division applies, else [`long_decimal`]'s.
/// `(operand, end position)`; `None` sends the number to the general path.
// Always inlined into its callers (operands, array items): returned from
// a call, the pair went through the stack written in pieces and read back
// in others, a store-forwarding stall per number (and `#[inline]` alone
// left the array's call out of line).
#[inline(always)]
fn quick_number(data: &[u8], start: usize) -> Option<(Operand, usize)> {
    let mut p = start;
    let negative = match data.get(p) {
        Some(b'-') => {
            p += 1;
            true
        }
        Some(b'+') => {
            p += 1;
            false
        }
        _ => false,
    };
    let mut mantissa: u64 = 0;
    let int_start = p;
    p = digits(data, p, &mut mantissa, 18)?;
    let int_digits = p - int_start;
    if data.get(p) != Some(&b'.') {
        if int_digits == 0 {
            return None;
        }
        let v = mantissa as i64;
        return Some((Operand::Int(if negative { -v } else { v }), p));
    }
    p += 1;
    let frac_start = p;
    p = digits(data, p, &mut mantissa, 18 - int_digits)?;
    let mut decimals = p - frac_start;
    // lopdf reads `-` among the decimals; `1.` and `.5` are numbers, `.` is not.
    if data.get(p) == Some(&b'-') || (int_digits == 0 && decimals == 0) {
        return None;
    }
    while decimals > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        decimals -= 1;
    }
    let v = if mantissa < 1 << 24 && decimals < POW10.len() {
        mantissa as f32 / *POW10.get(decimals)?
    } else {
        long_decimal(mantissa, decimals)?
    };
    Some((Operand::Real(if negative { -v } else { v }), p))
}

/// Reads the digits from `p` on into `mantissa` and returns where they
/// end; `None` past `room` digits (18 in all keep a `u64` exact).
fn digits(data: &[u8], mut p: usize, mantissa: &mut u64, room: usize) -> Option<usize> {
    let start = p;
    while let Some(&c) = data.get(p).filter(|c| c.is_ascii_digit()) {
        if p - start == room {
            return None;
        }
        *mantissa = *mantissa * 10 + u64::from(c - b'0');
        p += 1;
    }
    Some(p)
}

/// Powers of ten exactly representable as `f64`.
const POW10_F64: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `mantissa / 10^decimals` correctly rounded to `f32`, as `parse` gives
/// it, for the longer decimals producers write (`0.70710678118654757`):
/// with `mantissa < 2^53` and `decimals <= 22` the `f64` division is
/// correctly rounded, and rounding that `f64` to `f32` gives the correctly
/// rounded `f32` unless it fell exactly halfway between two `f32`s (every
/// such midpoint is an `f64`, and rounding is monotonic); that case, and
/// anything out of these bounds, is `None`. The quotient is 0 or at least
/// 1e-22, far from the `f32` subnormals, so the halfway test on the low 29
/// bits of the `f64` significand is exact.
fn long_decimal(mantissa: u64, decimals: usize) -> Option<f32> {
    if mantissa >= 1 << 53 {
        return None;
    }
    let q = mantissa as f64 / *POW10_F64.get(decimals)?;
    const LOW: u64 = (1 << 29) - 1;
    if q.to_bits() & LOW == 1 << 28 {
        return None;
    }
    Some(q as f32)
}

/// Nesting the fast path reads itself; deeper goes to lopdf (whose limit
/// is 100).
const MAX_FAST_DEPTH: usize = 32;

/// The fast path gives up here; lopdf takes over from the operation start.
struct Bail;

type Fast<T> = Result<T, Bail>;

/// The lexer: call [`Lexer::next`] until it returns `None`.
pub struct Lexer<'d> {
    data: &'d [u8],
    pos: usize,
    started: bool,
    lopdf: Option<Box<dyn Iterator<Item = lopdf::Result<Operation>> + 'd>>,
    /// The operation lopdf gave last (its operator is borrowed by `Op`).
    slow_op: Option<Operation>,
    operator: (usize, usize),
    operands: Vec<Operand>,
    items: Vec<Operand>,
    buf: Vec<u8>,
    dicts: Vec<Dictionary>,
    /// Malformed tokens skipped or read as 0 (see the module comment).
    repairs: u32,
    /// Where lopdf's iterator took over (see [`Lexer::cut_short`]).
    handed_over: Option<usize>,
    /// Operations read by the fast path and by lopdf (for the tests).
    #[cfg(test)]
    counts: (usize, usize),
}

impl<'d> Lexer<'d> {
    pub fn new(data: &'d [u8]) -> Self {
        Lexer {
            data,
            pos: 0,
            started: false,
            lopdf: None,
            slow_op: None,
            operator: (0, 0),
            operands: Vec::new(),
            items: Vec::new(),
            buf: Vec::new(),
            dicts: Vec::new(),
            repairs: 0,
            handed_over: None,
            #[cfg(test)]
            counts: (0, 0),
        }
    }

    /// How many malformed tokens the lexer skipped or read as 0 so far.
    pub fn repairs(&self) -> u32 {
        self.repairs
    }

    /// Whether lopdf's iterator, once it took over, stopped before the end
    /// of the stream without an error (its grammar gives up silently on a
    /// token it cannot read): the rest of the stream was not read. To be
    /// asked once [`Lexer::next`] has returned `None`; it reads the rest
    /// again with lopdf's strict decoding, only in that case.
    pub fn cut_short(&self) -> bool {
        let Some(start) = self.handed_over else {
            return false;
        };
        let rest = self.data.get(start..).unwrap_or_default();
        Content::decode_strict(rest).is_err()
    }

    /// Reads the next operation, then lent by [`Lexer::op`]; `Some(Err(_))`
    /// once where the stream is broken (then `None`), `None` at its end or
    /// where lopdf stops silently. (The operation is not returned inside
    /// the `Option<Result<…>>`: moved through the stack in it, it was read
    /// back in other widths than it was written, a store-forwarding stall
    /// per operator.)
    #[allow(clippy::should_implement_trait)]
    // Inlined into the interpreter's operator loop, its one hot caller.
    #[inline]
    pub fn next(&mut self) -> Option<lopdf::Result<()>> {
        self.operands.clear();
        self.items.clear();
        self.buf.clear();
        // Tested first: clearing calls the dictionaries' drop out of line,
        // at every operation, and almost none has a dictionary.
        if !self.dicts.is_empty() {
            self.dicts.clear();
        }
        self.slow_op = None;
        if self.lopdf.is_none() {
            if !self.started {
                self.started = true;
                self.skip_ws();
            }
            let start = self.pos;
            match self.operation() {
                Ok(true) => {
                    #[cfg(test)]
                    {
                        self.counts.0 += 1;
                    }
                    return Some(Ok(()));
                }
                Ok(false) => return None,
                Err(Bail) => {
                    self.operands.clear();
                    self.items.clear();
                    self.buf.clear();
                    self.dicts.clear();
                    let rest = self.data.get(start..).unwrap_or_default();
                    self.handed_over = Some(start);
                    self.lopdf = Some(Box::new(Content::decode_iter(rest)));
                }
            }
        }
        let op = match self.lopdf.as_mut()?.next()? {
            Ok(op) => op,
            Err(e) => return Some(Err(e)),
        };
        for o in &op.operands {
            let v = self.import(o, true);
            self.operands.push(v);
        }
        self.slow_op = Some(op);
        #[cfg(test)]
        {
            self.counts.1 += 1;
        }
        Some(Ok(()))
    }

    /// The operation [`Lexer::next`] read last.
    #[inline]
    pub fn op(&self) -> Op<'_> {
        let operator = if self.slow_op.is_some() {
            self.slow_op
                .as_ref()
                .map(|o| o.operator.as_bytes())
                .unwrap_or_default()
        } else {
            self.data
                .get(self.operator.0..self.operator.1)
                .unwrap_or_default()
        };
        Op {
            operator,
            lex: self,
        }
    }

    /// An operand of an operation lopdf decoded, in the lexer's buffers.
    fn import(&mut self, o: &Object, top: bool) -> Operand {
        match o {
            Object::Integer(i) => Operand::Int(*i),
            Object::Real(r) => Operand::Real(*r),
            Object::Name(n) => Operand::Name(self.keep(n)),
            Object::String(s, _) => Operand::Str(self.keep(s)),
            Object::Array(a) if top => {
                let items: Vec<Operand> = a.iter().map(|o| self.import(o, false)).collect();
                let start = self.items.len();
                self.items.extend(items);
                Operand::Array(start, self.items.len())
            }
            Object::Dictionary(d) if top => {
                self.dicts.push(d.clone());
                Operand::Dict(self.dicts.len() - 1)
            }
            _ => Operand::Other,
        }
    }

    fn keep(&mut self, bytes: &[u8]) -> Bytes {
        let start = self.buf.len();
        self.buf.extend_from_slice(bytes);
        Bytes::Buf(start, self.buf.len())
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.data.get(self.pos + k).copied()
    }

    fn starts_with(&self, s: &[u8]) -> bool {
        self.data
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(s))
    }

    /// lopdf's `content_space`.
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.pos += 1;
        }
    }

    /// lopdf's `eol`, if there is one here.
    fn eol(&mut self) -> bool {
        match self.peek() {
            Some(b'\r') => {
                self.pos += 1;
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
                true
            }
            Some(b'\n') => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }

    /// lopdf's `comment`. lopdf needs its end of line; a comment that runs
    /// to the end of the stream (a form whose content is `% DSBlank`) ends
    /// it here, where lopdf's grammar stops with nothing left to read.
    fn comment(&mut self) -> Fast<()> {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let Some(n) = rest.iter().position(|&c| c == b'\r' || c == b'\n') else {
            self.pos = self.data.len();
            return Ok(());
        };
        self.pos += n;
        self.eol();
        Ok(())
    }

    /// lopdf's `space` (white space and comments) inside arrays and
    /// dictionaries.
    fn space(&mut self) -> Fast<()> {
        loop {
            self.skip_ws();
            if self.peek() == Some(b'%') {
                self.comment()?;
            } else {
                return Ok(());
            }
        }
    }

    /// One operation. `Ok(false)` at the end of the stream.
    // Inlined into `next` (and so into the interpreter's loop): called once
    // per operator.
    #[inline]
    fn operation(&mut self) -> Fast<bool> {
        while self.peek() == Some(b'%') {
            self.comment()?;
            self.skip_ws();
        }
        if self.starts_with(b"BI") {
            return Err(Bail);
        }
        loop {
            let Some(c) = self.peek() else {
                // Operands without an operator, or nothing left: lopdf
                // stops here without an error.
                return Ok(false);
            };
            let operand = match c {
                b'n' if self.starts_with(b"null") => {
                    self.pos += 4;
                    Operand::Other
                }
                b't' if self.starts_with(b"true") => {
                    self.pos += 4;
                    Operand::Other
                }
                b'f' if self.starts_with(b"false") => {
                    self.pos += 5;
                    Operand::Other
                }
                b'0'..=b'9' | b'+' | b'-' | b'.' => self.number_or_bare_sign()?,
                b'/' => Operand::Name(self.name()),
                b'(' => Operand::Str(self.literal()?),
                b'<' if self.peek_at(1) == Some(b'<') => {
                    let d = self.dictionary(0)?;
                    self.dicts.push(d);
                    Operand::Dict(self.dicts.len() - 1)
                }
                b'<' => Operand::Str(self.hex_string()?),
                b'[' => self.array()?,
                b'%' => {
                    // Between operands: lopdf's grammar stops here; the
                    // spec allows a comment anywhere.
                    self.comment()?;
                    self.skip_ws();
                    continue;
                }
                _ => {
                    let start = self.pos;
                    while self.peek().is_some_and(is_operator_char) {
                        self.pos += 1;
                    }
                    if self.pos == start {
                        // A byte that starts no token: lopdf stops here.
                        self.pos += 1;
                        self.repairs += 1;
                        self.skip_ws();
                        continue;
                    }
                    self.operator = (start, self.pos);
                    self.skip_ws();
                    return Ok(true);
                }
            };
            self.operands.push(operand);
            self.skip_ws();
        }
    }

    /// [`Lexer::number`], or 0 for a bare sign or point (`-`, `+.`, `.`)
    /// that ends at a delimiter or white space, which lopdf cannot read
    /// (pdftotext and MuPDF read 0).
    // Inlined as `number` is: most numbers take the quick path.
    #[inline(always)]
    fn number_or_bare_sign(&mut self) -> Fast<Operand> {
        if let Some((operand, end)) = quick_number(self.data, self.pos) {
            self.pos = end;
            return Ok(operand);
        }
        self.general_or_bare_sign()
    }

    /// [`Lexer::number_or_bare_sign`] for what [`quick_number`] does not
    /// read.
    #[inline(never)]
    fn general_or_bare_sign(&mut self) -> Fast<Operand> {
        if let Ok(o) = self.general_number() {
            return Ok(o);
        }
        let data = self.data;
        let mut p = self.pos;
        if matches!(data.get(p), Some(b'+' | b'-')) {
            p += 1;
        }
        if data.get(p) == Some(&b'.') {
            p += 1;
        }
        if p > self.pos && data.get(p).is_none_or(|&c| !is_regular(c)) {
            self.pos = p;
            self.repairs += 1;
            Ok(Operand::Int(0))
        } else {
            Err(Bail)
        }
    }

    /// lopdf's `real`, else `integer`, from the current position.
    // Inlined where operands are read: most numbers take the quick path,
    // and the general one stays out of line.
    #[inline]
    fn number(&mut self) -> Fast<Operand> {
        if let Some((operand, end)) = quick_number(self.data, self.pos) {
            self.pos = end;
            return Ok(operand);
        }
        self.general_number()
    }

    /// [`Lexer::number`] for what [`quick_number`] does not read.
    #[inline(never)]
    fn general_number(&mut self) -> Fast<Operand> {
        let data = self.data;
        let start = self.pos;
        let mut p = start;
        if matches!(data.get(p), Some(b'+' | b'-')) {
            p += 1;
        }
        let int_start = p;
        while data.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
        let int_digits = p - int_start;
        let real = data.get(p) == Some(&b'.')
            && (int_digits > 0 || data.get(p + 1).is_some_and(u8::is_ascii_digit));
        if real {
            p += 1;
            // `digit0` then `take_while(- or digit)`: together, the same run.
            while data
                .get(p)
                .is_some_and(|&c| c == b'-' || c.is_ascii_digit())
            {
                p += 1;
            }
            let text = data.get(start..p).ok_or(Bail)?;
            if let Some(v) = short_decimal(text) {
                self.pos = p;
                return Ok(Operand::Real(v));
            }
            let value = match text.split_first() {
                Some((&first, rest)) if rest.contains(&b'-') => {
                    let mut s = String::with_capacity(text.len());
                    s.push(first as char);
                    s.extend(rest.iter().filter(|&&c| c != b'-').map(|&c| c as char));
                    s.parse::<f32>()
                }
                _ => std::str::from_utf8(text).map_err(|_| Bail)?.parse::<f32>(),
            };
            let value = value.map_err(|_| Bail)?;
            self.pos = p;
            return Ok(Operand::Real(value));
        }
        if int_digits == 0 {
            return Err(Bail);
        }
        let negative = data.get(start) == Some(&b'-');
        let magnitude = data
            .get(int_start..p)
            .ok_or(Bail)?
            .iter()
            .try_fold(0u64, |v, &d| {
                v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
            })
            .ok_or(Bail)?;
        let value = if negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        }
        .ok_or(Bail)?;
        self.pos = p;
        Ok(Operand::Int(value))
    }

    /// lopdf's `name`, at a `/`: borrowed unless it holds `#xx` escapes.
    fn name(&mut self) -> Bytes {
        self.pos += 1;
        let start = self.pos;
        let data = self.data;
        let mut p = start;
        // Start of the decoded name in the buffer, once an escape is met.
        let mut decoded: Option<usize> = None;
        loop {
            let run = p;
            while data.get(p).is_some_and(|&c| c != b'#' && is_regular(c)) {
                p += 1;
            }
            if decoded.is_some() {
                self.buf
                    .extend_from_slice(data.get(run..p).unwrap_or_default());
            }
            let escape = match (data.get(p), data.get(p + 1), data.get(p + 2)) {
                (Some(b'#'), Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| (h << 4) | l),
                _ => None,
            };
            let Some(byte) = escape else { break };
            if decoded.is_none() {
                decoded = Some(self.buf.len());
                self.buf
                    .extend_from_slice(data.get(start..p).unwrap_or_default());
            }
            self.buf.push(byte);
            p += 3;
        }
        self.pos = p;
        match decoded {
            Some(b0) => Bytes::Buf(b0, self.buf.len()),
            None => Bytes::Data(start, p),
        }
    }

    /// lopdf's `literal_string`, at a `(`.
    fn literal(&mut self) -> Fast<Bytes> {
        let data = self.data;
        let open = self.pos;
        // Borrowed when the string holds no escape and no CR: then lopdf's
        // value is the bytes between the outer parentheses.
        let mut p = open + 1;
        let mut depth = 0usize;
        let mut plain = true;
        loop {
            match data.get(p) {
                None => return Err(Bail),
                Some(b'\\' | b'\r') => {
                    plain = false;
                    break;
                }
                Some(b'(') => {
                    depth += 1;
                    if depth > MAX_FAST_DEPTH {
                        return Err(Bail);
                    }
                }
                Some(b')') => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                Some(_) => {}
            }
            p += 1;
        }
        if plain {
            self.pos = p + 1;
            return Ok(Bytes::Data(open + 1, p));
        }
        let start = self.buf.len();
        self.pos = open + 1;
        self.literal_inner(0)?;
        if self.peek() != Some(b')') {
            return Err(Bail);
        }
        self.pos += 1;
        Ok(Bytes::Buf(start, self.buf.len()))
    }

    /// lopdf's `inner_literal_string`, decoding into the buffer; stops
    /// before the closing parenthesis.
    fn literal_inner(&mut self, depth: usize) -> Fast<()> {
        loop {
            match self.peek() {
                None | Some(b')') => return Ok(()),
                Some(b'\\') => {
                    self.pos += 1;
                    let Some(c) = self.peek() else {
                        return Err(Bail);
                    };
                    match c {
                        b'0'..=b'7' => {
                            let mut v: u16 = 0;
                            let mut n = 0;
                            while n < 3 && self.peek().is_some_and(|c| (b'0'..=b'7').contains(&c)) {
                                v = v * 8 + u16::from(self.peek().unwrap_or(b'0') - b'0');
                                self.pos += 1;
                                n += 1;
                            }
                            self.buf.push(v as u8);
                        }
                        b'\r' | b'\n' => {
                            self.eol();
                        }
                        _ => {
                            self.pos += 1;
                            self.buf.push(match c {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => b'\x08',
                                b'f' => b'\x0C',
                                c => c,
                            });
                        }
                    }
                }
                Some(b'\r' | b'\n') => {
                    self.eol();
                    self.buf.push(b'\n');
                }
                Some(b'(') => {
                    if depth >= MAX_FAST_DEPTH {
                        return Err(Bail);
                    }
                    self.pos += 1;
                    self.buf.push(b'(');
                    self.literal_inner(depth + 1)?;
                    if self.peek() != Some(b')') {
                        return Err(Bail);
                    }
                    self.pos += 1;
                    self.buf.push(b')');
                }
                Some(c) => {
                    self.pos += 1;
                    self.buf.push(c);
                }
            }
        }
    }

    /// lopdf's `hexadecimal_string`, at a `<` not followed by `<`.
    fn hex_string(&mut self) -> Fast<Bytes> {
        let data = self.data;
        let mut p = self.pos + 1;
        let start = self.buf.len();
        // The high digit of a byte not complete yet.
        let mut high: Option<u8> = None;
        loop {
            let c = *data.get(p).ok_or(Bail)?;
            p += 1;
            match HEX.get(usize::from(c)).copied().unwrap_or(NOT_HEX) {
                v if v < 16 => match high.take() {
                    Some(h) => self.buf.push(h << 4 | v),
                    None => high = Some(v),
                },
                HEX_WS => {}
                _ if c == b'>' => {
                    // An odd last digit is followed by 0.
                    if let Some(h) = high {
                        self.buf.push(h << 4);
                    }
                    self.pos = p;
                    return Ok(Bytes::Buf(start, self.buf.len()));
                }
                _ => return Err(Bail),
            }
        }
    }

    /// A top-level array operand: its elements go to the item buffer.
    fn array(&mut self) -> Fast<Operand> {
        self.pos += 1;
        self.space()?;
        let start = self.items.len();
        loop {
            let item = match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Operand::Array(start, self.items.len()));
                }
                Some(b'(') => Operand::Str(self.literal()?),
                Some(b'<') if self.peek_at(1) != Some(b'<') => Operand::Str(self.hex_string()?),
                Some(b'0'..=b'9') if self.reference_ahead()? => {
                    self.object(1)?;
                    Operand::Other
                }
                Some(b'0'..=b'9' | b'+' | b'-' | b'.') => self.number_or_bare_sign()?,
                Some(b'/') => {
                    self.name();
                    Operand::Other
                }
                Some(c) if is_operator_char(c) && !self.at_keyword_object() => {
                    // An operator inside an array (`0 Tc` in a `TJ`):
                    // lopdf's grammar stops here; pdftotext skips it.
                    while self.peek().is_some_and(is_operator_char) {
                        self.pos += 1;
                    }
                    self.repairs += 1;
                    self.space()?;
                    continue;
                }
                Some(b')' | b'}' | b'{' | b'>') => {
                    self.pos += 1;
                    self.repairs += 1;
                    self.space()?;
                    continue;
                }
                _ => {
                    self.object(1)?;
                    Operand::Other
                }
            };
            self.items.push(item);
            self.space()?;
        }
    }

    /// Whether `true`, `false` or `null` starts here (objects, not
    /// operators, inside an array).
    fn at_keyword_object(&self) -> bool {
        self.starts_with(b"true") || self.starts_with(b"false") || self.starts_with(b"null")
    }

    /// Whether lopdf's `reference` matches here (`12 0 R`). Comments inside
    /// one are left to lopdf.
    // Inlined into the array reader, where most numbers are TJ offsets that
    // the first test below turns down: no call per offset.
    #[inline]
    fn reference_ahead(&self) -> Fast<bool> {
        let data = self.data;
        let p = self.pos;
        // Most numbers in an array are TJ offsets followed straight by a
        // string or `]`: a reference needs white space (or, for the
        // bail-out below, a comment) after its first integer.
        let digits_end = data
            .get(p..)
            .unwrap_or_default()
            .iter()
            .position(|c| !c.is_ascii_digit())
            .map_or(data.len(), |n| p + n);
        if data.get(digits_end).is_none_or(|&c| !is_ws(c) && c != b'%') {
            return Ok(false);
        }
        self.reference_after_space()
    }

    /// [`Lexer::reference_ahead`] once white space follows the first
    /// integer.
    #[inline(never)]
    fn reference_after_space(&self) -> Fast<bool> {
        let data = self.data;
        let mut p = self.pos;
        let uint = |p: &mut usize, max: u64| -> bool {
            let s = *p;
            while data.get(*p).is_some_and(u8::is_ascii_digit) {
                *p += 1;
            }
            let v = data
                .get(s..*p)
                .unwrap_or_default()
                .iter()
                .try_fold(0u64, |v, &d| {
                    v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
                });
            *p > s && v.is_some_and(|v| v <= max)
        };
        let ws = |p: &mut usize| -> Fast<()> {
            while data.get(*p).is_some_and(|&c| is_ws(c)) {
                *p += 1;
            }
            if data.get(*p) == Some(&b'%') {
                return Err(Bail);
            }
            Ok(())
        };
        if !uint(&mut p, u64::from(u32::MAX)) {
            return Ok(false);
        }
        ws(&mut p)?;
        if !uint(&mut p, u64::from(u16::MAX)) {
            return Ok(false);
        }
        ws(&mut p)?;
        Ok(data.get(p) == Some(&b'R'))
    }

    /// lopdf's `_direct_objects` (the grammar inside arrays and
    /// dictionaries), as an lopdf object. `depth` counts the enclosing
    /// arrays and dictionaries.
    fn object(&mut self, depth: usize) -> Fast<Object> {
        if depth > MAX_FAST_DEPTH {
            return Err(Bail);
        }
        let Some(c) = self.peek() else {
            return Err(Bail);
        };
        let o = match c {
            b'n' if self.starts_with(b"null") => {
                self.pos += 4;
                Object::Null
            }
            b't' if self.starts_with(b"true") => {
                self.pos += 4;
                Object::Boolean(true)
            }
            b'f' if self.starts_with(b"false") => {
                self.pos += 5;
                Object::Boolean(false)
            }
            b'0'..=b'9' if self.reference_ahead()? => {
                let mut p = self.pos;
                let uint = |p: &mut usize| {
                    let mut v: u64 = 0;
                    while let Some(&d) = self.data.get(*p).filter(|d| d.is_ascii_digit()) {
                        v = v * 10 + u64::from(d - b'0');
                        *p += 1;
                    }
                    while self.data.get(*p).is_some_and(|&c| is_ws(c)) {
                        *p += 1;
                    }
                    v
                };
                let id = uint(&mut p) as u32;
                let generation = uint(&mut p) as u16;
                self.pos = p + 1;
                Object::Reference((id, generation))
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => match self.number()? {
                Operand::Int(i) => Object::Integer(i),
                Operand::Real(r) => Object::Real(r),
                _ => return Err(Bail),
            },
            b'/' => {
                let b = self.name();
                Object::Name(self.owned(b))
            }
            b'(' => {
                let b = self.literal()?;
                Object::String(self.owned(b), StringFormat::Literal)
            }
            b'<' if self.peek_at(1) == Some(b'<') => Object::Dictionary(self.dictionary(depth)?),
            b'<' => {
                let b = self.hex_string()?;
                Object::String(self.owned(b), StringFormat::Hexadecimal)
            }
            b'[' => {
                self.pos += 1;
                self.space()?;
                let mut items = Vec::new();
                while self.peek() != Some(b']') {
                    items.push(self.object(depth + 1)?);
                    self.space()?;
                }
                self.pos += 1;
                Object::Array(items)
            }
            _ => return Err(Bail),
        };
        Ok(o)
    }

    /// The bytes of a string or name just read, taken out of the buffer.
    fn owned(&mut self, b: Bytes) -> Vec<u8> {
        match b {
            Bytes::Data(s, e) => self.data.get(s..e).unwrap_or_default().to_vec(),
            Bytes::Buf(s, e) => {
                let v = self.buf.get(s..e).unwrap_or_default().to_vec();
                self.buf.truncate(s);
                v
            }
        }
    }

    /// lopdf's `_dictionary`, at `<<`.
    fn dictionary(&mut self, depth: usize) -> Fast<Dictionary> {
        if depth >= MAX_FAST_DEPTH {
            return Err(Bail);
        }
        self.pos += 2;
        self.space()?;
        let mut dict = Dictionary::new();
        while self.peek() == Some(b'/') {
            let key = self.name();
            let key = self.owned(key);
            self.space()?;
            let value = self.object(depth + 1)?;
            dict.set(key, value);
            self.space()?;
        }
        if !self.starts_with(b">>") {
            return Err(Bail);
        }
        self.pos += 2;
        Ok(dict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the interpreter can observe of an operation, from lopdf.
    fn observe_lopdf(data: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        for r in Content::decode_iter(data) {
            match r {
                Ok(op) => {
                    let mut line = op.operator.clone();
                    for o in &op.operands {
                        line.push(' ');
                        line.push_str(&observe_object(o, true));
                    }
                    out.push(line);
                }
                Err(e) => out.push(format!("error: {e}")),
            }
        }
        out
    }

    fn observe_object(o: &Object, top: bool) -> String {
        match o {
            Object::Integer(_) | Object::Real(_) => format!("n{:?}", o.as_float().ok()),
            Object::String(s, _) => format!("s{s:?}"),
            _ if !top => "o".into(),
            Object::Name(n) => format!("/{n:?}"),
            Object::Array(a) => {
                let v: Vec<String> = a.iter().map(|o| observe_object(o, false)).collect();
                format!("[{}]", v.join(","))
            }
            Object::Dictionary(d) => format!("{d:?}"),
            _ => "x".into(),
        }
    }

    /// The observations, the operations read by each path, the repairs.
    fn observe_lexer_full(data: &[u8]) -> (Vec<String>, (usize, usize), u32) {
        let mut out = Vec::new();
        let mut lx = Lexer::new(data);
        while let Some(r) = lx.next() {
            match r.map(|()| lx.op()) {
                Ok(op) => {
                    let mut line = String::from_utf8_lossy(op.operator).into_owned();
                    for i in 0..op.len() {
                        line.push(' ');
                        let o = op.lex.operands[i];
                        line.push_str(&match o {
                            Operand::Int(_) | Operand::Real(_) => format!("n{:?}", op.float(i)),
                            Operand::Name(_) => format!("/{:?}", op.name(i).unwrap_or_default()),
                            Operand::Str(_) => format!("s{:?}", op.string(i).unwrap_or_default()),
                            Operand::Array(..) => {
                                let v: Vec<String> = op
                                    .array(i)
                                    .into_iter()
                                    .flatten()
                                    .zip(
                                        op.lex
                                            .items
                                            .get(match o {
                                                Operand::Array(s, e) => s..e,
                                                _ => 0..0,
                                            })
                                            .unwrap_or_default(),
                                    )
                                    .map(|(it, raw)| match (it, raw) {
                                        (Item::Str(s), _) => format!("s{s:?}"),
                                        (Item::Num(n), Operand::Int(_) | Operand::Real(_)) => {
                                            format!("n{n:?}")
                                        }
                                        (Item::Num(_), _) => "o".into(),
                                    })
                                    .collect();
                                format!("[{}]", v.join(","))
                            }
                            Operand::Dict(_) => {
                                format!("{:?}", op.dict(i).cloned().unwrap_or_default())
                            }
                            Operand::Other => "x".into(),
                        });
                    }
                    out.push(line);
                }
                Err(e) => out.push(format!("error: {e}")),
            }
        }
        let counts = lx.counts;
        (out, counts, lx.repairs())
    }

    /// Compares with lopdf; returns the operations read by each path.
    /// Where lopdf reads the whole stream, the operations are the same;
    /// where it stops (with or without an error), the lexer gives the same
    /// operations up to that point, and more only after a repair.
    fn check(data: &[u8]) -> (usize, usize) {
        let (got, counts, _) = observe_lexer_full(data);
        let want = observe_lopdf(data);
        let whole = Content::decode_strict(data).is_ok();
        let stream = String::from_utf8_lossy(data);
        if whole {
            assert_eq!(got, want, "stream: {stream:?}");
        } else {
            let ok: Vec<&String> = want.iter().filter(|l| !l.starts_with("error")).collect();
            assert!(
                got.len() >= ok.len() && got.iter().zip(&ok).all(|(a, b)| a == *b),
                "stream: {stream:?}\nlexer: {got:?}\nlopdf: {want:?}"
            );
        }
        counts
    }

    #[test]
    fn same_operations_as_lopdf_on_samples() {
        let samples: &[&[u8]] = &[
            b"",
            b"   ",
            b"q 1 0 0 1 72 720 cm BT /F1 12 Tf [(A) -120 (B)] TJ ET Q",
            b"  % leading comment\n0 0 m 10 10 l S\n% trailing comment\n",
            b"BT /F1 12 Tf (text) Tj ET\n) unparsable trailing input is ignored",
            b"BI /W 1 /H 1 /BPC 8 /CS /G ID X EI 0 0 m",
            b"BT (before) Tj ET\nBI /W 1 /H 1 /BPC 8 /CS /G ID X\nBT (after) Tj ET",
            b"/P <</MCID 0>> BDC BT (marked) Tj ET EMC",
            b"/Span <</ActualText (\xfe\xff\x00\xe9) /Lang (fr) /X [1 2 /N <</A 1 0 R>>] /R 3 0 R>> BDC EMC",
            b"0.12 -.12 10. 0.00-4142502 -1.5-5 +3 -4 .5 5.-3 ..5 Td",
            b"1 2 3 4 5 6 cm 99999999999999999999 Tz",
            b"-99999999999999999999999999999999999999999999.5 Tz 1e5 Tz",
            b"(text())Tj(text\r\n\\\\(nested\\t\\b\\f))Tj(a\rb\nc\r\n\r\nd\n\re)Tj",
            b"(text\\0\\53\\053\\0053\\777)Tj (text line\\\n())Tj (\\\r\nx\\\ry)Tj (\\q\\()Tj",
            b"<48 65 6C6C 6f> Tj <4> Tj < > Tj <4G> Tj",
            b"[<00 41><0042> 12 (x) -3.5 /N true null [1 [2]] <</K 1>> 4 0 R 5 R] TJ",
            b"/F#41#42 12 Tf /A#4 Tf /#20 Do / Do /a#zz Do",
            b"10 %comment between operands\n 20 Td",
            b"[(a) %c\n (b)] TJ [(a) %c] TJ",
            b"truex nullx false f f* n nul Tj",
            b"d0 d1 BDC \" ' T* 12BT",
            b"1 2 }garbage Tj",
            b"1 2",
            b"/a",
            b"(unterminated",
            b"[1 2",
            b"<<",
            b"<</A 1",
            b"[1 0 R 12 3 4 R 5 70000 R] TJ",
            b"[1 0R] TJ [1 0 % c\n R] TJ",
            b"[1 4294967296 0 R] TJ",
            b"BIG 1 Tc",
            b"% no end of line",
            b"q % comment then EOF",
            b"\x00\x0c q Q \xff Tj",
            b"(\xe9t\xe9) Tj [(\x80) 1] TJ",
        ];
        let mut slow = 0;
        for s in samples {
            slow += check(s).1;
        }
        // Operations after an inline image come from lopdf.
        assert!(slow >= 3, "{slow}");
        // Deep nesting: lopdf's limits decide.
        let deep: Vec<u8> = std::iter::repeat_n(b'[', 120)
            .chain(std::iter::repeat_n(b']', 120))
            .chain(b" TJ (ok) Tj".iter().copied())
            .collect();
        check(&deep);
        let parens: Vec<u8> = b"("
            .iter()
            .chain(std::iter::repeat_n(&b'(', 120))
            .chain(std::iter::repeat_n(&b')', 121))
            .chain(b" Tj".iter())
            .copied()
            .collect();
        check(&parens);
    }

    /// What lopdf stops at and pdftotext reads through: each is read, the
    /// text after it kept, and the repair counted.
    #[test]
    fn malformed_tokens_are_skipped_or_read_as_zero() {
        let ops = |data: &[u8]| {
            let (got, _, repairs) = observe_lexer_full(data);
            (got, repairs)
        };
        let (got, n) = ops(b"BT [(ext)-(ensively)] TJ ET BT (after) Tj ET");
        assert_eq!(n, 1);
        assert_eq!(
            got[1],
            "TJ [s[101, 120, 116],nSome(0.0),s[101, 110, 115, 105, 118, 101, 108, 121]]"
        );
        assert_eq!(got.last().unwrap(), "ET");
        assert_eq!(got.len(), 6);
        let (got, n) = ops(b"[(Grandes) 0.0 Tc -250 (Client) 0 Tw] TJ (x) Tj");
        assert_eq!(n, 2);
        assert!(got[0].starts_with("TJ [s"), "{got:?}");
        assert_eq!(got[0].matches(",nSome").count(), 3, "{got:?}");
        assert_eq!(got[1], "Tj s[120]");
        let (got, n) = ops(b"q . .59 .84 rg BT (Test) Tj ET Q");
        assert_eq!(n, 1);
        assert_eq!(got[1], "rg nSome(0.0) nSome(0.59) nSome(0.84)");
        assert_eq!(got[3], "Tj s[84, 101, 115, 116]");
        let (got, n) = ops(b"10 %c\n 20 Td (a) Tj");
        assert_eq!((got.len(), n), (2, 0), "{got:?}");
        let (got, n) = ops(b"1 2 }garbage Tj (a) Tj");
        assert_eq!(n, 1);
        assert_eq!(got.last().unwrap(), "Tj s[97]");
    }

    /// lopdf's iterator stopping silently is seen.
    #[test]
    fn a_stream_cut_short_after_lopdf_took_over_is_seen() {
        let mut lx = Lexer::new(b"BI /W 1 /H 1 /BPC 8 /CS /G ID X EI 1 2 (a Tj");
        while lx.next().is_some() {}
        assert!(lx.cut_short());
        let mut lx = Lexer::new(b"BI /W 1 /H 1 /BPC 8 /CS /G ID X EI 0 0 m");
        while lx.next().is_some() {}
        assert!(!lx.cut_short());
        let mut lx = Lexer::new(b"0 0 m (a) Tj");
        while lx.next().is_some() {}
        assert!(!lx.cut_short());
    }

    /// The fast path of decimals gives what `parse` gives.
    #[test]
    fn short_decimals_parse_exactly() {
        let mut next = crate::test_support::xorshift(0x0123_4567_89ab_cdef);
        let mut fast = 0;
        for _ in 0..200_000 {
            let int = next() % [10, 1000, 100_000, 100_000_000][(next() % 4) as usize];
            let width = (next() % 7) as usize;
            let dec = next() % 10u64.pow(width as u32);
            let sign = ["", "-", "+"][(next() % 3) as usize];
            let s = match next() % 4 {
                0 => format!("{sign}{int}."),
                1 => format!("{sign}.{dec:0width$}"),
                _ => format!("{sign}{int}.{dec:0width$}"),
            };
            let want: Option<f32> = s.parse().ok();
            if let Some(got) = short_decimal(s.as_bytes()) {
                fast += 1;
                assert_eq!(Some(got.to_bits()), want.map(f32::to_bits), "{s}");
            }
        }
        assert!(fast > 100_000, "{fast}");
        for s in ["0.0", "-0.0", "-.0", "16777215.", "16777216.", "1.5", ".1"] {
            if let Some(v) = short_decimal(s.as_bytes()) {
                assert_eq!(
                    v.to_bits(),
                    s.parse::<f32>().map(f32::to_bits).unwrap_or(0),
                    "{s}"
                );
            }
        }
    }

    /// The one-pass numbers give what `parse` gives, trailing zeros and
    /// long mantissas included, and stop where the general path stops.
    #[test]
    fn quick_numbers_parse_exactly() {
        let mut next = crate::test_support::xorshift(0x0fed_cba9_8765_4321);
        let mut fast = 0;
        for _ in 0..200_000 {
            let int = next() % [10, 1000, 100_000, 100_000_000][(next() % 4) as usize];
            let width = (next() % 12) as usize;
            let dec = next() % 10u64.pow(width.min(9) as u32);
            let zeros = "0".repeat((next() % 4) as usize);
            let sign = ["", "-", "+"][(next() % 3) as usize];
            let s = match next() % 5 {
                0 => format!("{sign}{int}."),
                1 => format!("{sign}.{dec:0width$}{zeros}"),
                2 => format!("{sign}{int}"),
                _ => format!("{sign}{int}.{dec:0width$}{zeros}"),
            };
            let Some((got, end)) = quick_number(format!("{s} ").as_bytes(), 0) else {
                continue;
            };
            fast += 1;
            assert_eq!(end, s.len(), "{s}");
            match got {
                Operand::Real(v) => {
                    assert!(s.contains('.'), "{s}");
                    assert_eq!(
                        Some(v.to_bits()),
                        s.parse::<f32>().ok().map(f32::to_bits),
                        "{s}"
                    );
                }
                Operand::Int(v) => assert_eq!(Some(v), s.parse::<i64>().ok(), "{s}"),
                _ => panic!("{s}"),
            }
        }
        assert!(fast > 100_000, "{fast}");
        // Long decimals, as producers write cosines and scales.
        for _ in 0..200_000 {
            let digits = 8 + (next() % 10) as usize;
            let point = (next() % (digits as u64 + 1)) as usize;
            let d: String = (0..digits)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let s = format!("-{}.{}", &d[..point], &d[point..]);
            if let Some((Operand::Real(v), _)) = quick_number(s.as_bytes(), 0) {
                assert_eq!(
                    Some(v.to_bits()),
                    s.parse::<f32>().ok().map(f32::to_bits),
                    "{s}"
                );
            }
        }
        // 16777217 is exactly halfway between two f32: left to `parse`.
        assert!(long_decimal(16_777_217, 0).is_none());
        assert!(quick_number(b"16777217.0", 0).is_none());
        assert_eq!(long_decimal(167_772_175, 1), Some(16_777_218.0));
        assert!(long_decimal(1 << 53, 0).is_none());
        for s in [
            "1.-5",
            ".",
            "-",
            "+.",
            "1234567890123456789",
            "0.00000000000000000000001",
        ] {
            assert!(quick_number(s.as_bytes(), 0).is_none(), "{s}");
        }
    }

    #[test]
    fn same_operations_as_lopdf_on_random_streams() {
        let tokens: &[&[u8]] = &[
            b" ",
            b"\n",
            b"\r",
            b"\r\n",
            b"\t",
            b"\x00",
            b"%c",
            b"%c\n",
            b"q",
            b"Q",
            b"BT",
            b"ET",
            b"Tj",
            b"TJ",
            b"Tf",
            b"Td",
            b"cm",
            b"BDC",
            b"EMC",
            b"BI",
            b"ID",
            b"EI",
            b"/F1",
            b"/",
            b"/a#41",
            b"#",
            b"12",
            b"-3",
            b"+4",
            b".5",
            b"1.",
            b"-.5-2",
            b"0",
            b"R",
            b"(",
            b")",
            b"(ab)",
            b"\\",
            b"\\n",
            b"\\053",
            b"<",
            b">",
            b"<41>",
            b"<<",
            b">>",
            b"[",
            b"]",
            b"true",
            b"null",
            b"false",
            b"f",
            b"n",
            b"{",
            b"}",
            b"'",
            b"\"",
            b"*",
            b"\xe9",
            b"x",
            b"/W 1 /H 1 /BPC 8 /CS /G",
            b"9999999999999999999999",
        ];
        let mut next = crate::test_support::xorshift(0x9e37_79b9_7f4a_7c15);
        let mut counts = (0, 0);
        for _ in 0..60_000 {
            let n = (next() % 30) as usize;
            let mut s = Vec::new();
            for _ in 0..n {
                s.extend_from_slice(tokens[(next() % tokens.len() as u64) as usize]);
                if next() % 3 == 0 {
                    s.push(b' ');
                }
            }
            let (fast, slow) = check(&s);
            counts.0 += fast;
            counts.1 += slow;
        }
        eprintln!("fast path {} operations, lopdf {}", counts.0, counts.1);
        assert!(counts.0 > 20_000, "{counts:?}");
    }

    /// The content streams of the corpus PDFs: same operations, all read by
    /// the fast path.
    #[test]
    fn same_operations_as_lopdf_on_the_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut counts = (0, 0);
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "pdf") {
                continue;
            }
            let Ok(doc) = lopdf::Document::load(&p) else {
                continue;
            };
            for (_, id) in doc.get_pages() {
                let (fast, slow) = check(&doc.get_page_content(id));
                counts.0 += fast;
                counts.1 += slow;
            }
        }
        eprintln!(
            "corpus: fast path {} operations, lopdf {}",
            counts.0, counts.1
        );
        assert!(counts.0 > 50_000 && counts.1 == 0, "{counts:?}");
    }
}
