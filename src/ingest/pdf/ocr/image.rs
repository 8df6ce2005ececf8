//! The page's own scan as an upright greyscale raster for the engine: the
//! image XObject decoded (DCT with zune-jpeg, CCITT G3/G4 with fax, the
//! generic filters with lopdf and libdeflate; 1 to 8 bits, grey, RGB, CMYK,
//! indexed, `/Decode` inversion, image masks) and resampled so that it is
//! upright in page space (any placement: `/Rotate`, images drawn turned or
//! mirrored) at 300 dpi or more.

use lopdf::{Document, Object};

use super::{area, clip, image_box};
use crate::ingest::pdf::interp::DrawnImage;
use crate::ingest::{BBox, IngestOptions};

/// The engine is given at least this resolution: Tesseract reads best with
/// letters 20 pixels or more high; 150 dpi scans are upsampled.
pub const MIN_DPI: f32 = 300.0;
/// Above this, the scan is downsampled (time grows with the pixels, and
/// reading does not improve).
pub const MAX_DPI: f32 = 600.0;
/// Bound on the pixels of one decoded image and of one raster (memory per
/// page: one byte a pixel).
pub const MAX_PIXELS: usize = 80_000_000;

/// Where a raster lies on the page: pixel `(px, py)` (y down) is page point
/// `(x0 + px / scale, y1 - py / scale)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x0: f32,
    pub y1: f32,
    /// Pixels per page unit.
    pub scale: f32,
}

/// A page image for the engine: a PGM file in memory (or the scan's own
/// JPEG), its resolution and where it lies on the page.
#[derive(Debug, Clone)]
pub struct Raster {
    pub pnm: Vec<u8>,
    pub dpi: u32,
    pub frame: Frame,
}

/// 8-bit grey samples, row 0 at the top.
pub struct Gray {
    pub w: usize,
    pub h: usize,
    pub px: Vec<u8>,
}

/// The raster of the page's scan: its one large image (at least 80 % of
/// what the images cover), decoded and resampled.
pub fn scan_of(
    doc: &Document,
    page: &BBox,
    drawn: &[&DrawnImage],
    opts: &IngestOptions,
) -> Result<Raster, String> {
    let boxes: Vec<(BBox, &DrawnImage)> = drawn
        .iter()
        .map(|d| (clip(&image_box(&d.matrix), page), *d))
        .filter(|(b, _)| b.iter().all(|v| v.is_finite()) && area(b) > 0.0)
        .collect();
    let total: f32 = boxes.iter().map(|(b, _)| area(b)).sum();
    let Some((bbox, main)) = boxes
        .iter()
        .max_by(|a, b| area(&a.0).total_cmp(&area(&b.0)))
        .copied()
    else {
        return Err("the page draws no image".into());
    };
    if area(&bbox) < 0.8 * total {
        return Err("the page is made of several images".into());
    }
    let Some(id) = main.id else {
        return Err("the scan is an inline image".into());
    };
    if let Some(r) = jpeg_as_is(doc, id, &main.matrix, &bbox) {
        return Ok(r);
    }
    let gray = decode(doc, id, opts)?;
    upright(&gray, &main.matrix, &bbox)
}

/// The resolution of an image of `w` × `h` pixels drawn by `m`, and
/// whether it is drawn upright, whole (`bbox` is all of it) and at a
/// resolution the engine takes as it is.
fn as_is(w: f32, h: f32, m: &[f32; 6], bbox: &BBox) -> (f32, bool) {
    let across = m[0].hypot(m[1]);
    let down = m[2].hypot(m[3]);
    let native = (w / across).max(h / down) * 72.0;
    let dpi = native.clamp(MIN_DPI, MAX_DPI);
    let upright = m[1] == 0.0
        && m[2] == 0.0
        && m[0] > 0.0
        && m[3] > 0.0
        && (native - dpi).abs() < 0.5
        && *bbox == image_box(m);
    (dpi, upright)
}

/// A JPEG scan drawn upright at 300 to 600 dpi, given to the engine as it
/// is stored: Leptonica decodes it, as it would the scanner's file (the
/// same pixels as Tesseract run on the image directly, and no decoding
/// here). Grey and RGB only, without `/Decode`.
fn jpeg_as_is(doc: &Document, id: lopdf::ObjectId, m: &[f32; 6], bbox: &BBox) -> Option<Raster> {
    let stream = doc.get_object(id).and_then(Object::as_stream).ok()?;
    let dict = &stream.dict;
    let jpeg_only =
        matches!(filters(doc, dict).as_slice(), [f] if f == b"DCTDecode" || f == b"DCT");
    let plain = jpeg_only
        && dict.get(b"Decode").is_err()
        && dict
            .get(b"ColorSpace")
            .ok()
            .and_then(|o| space(doc, o, 0).ok())
            .is_some_and(|s| matches!(s, Space::Gray | Space::Rgb));
    let w = int(doc, dict, b"Width")? as f32;
    let h = int(doc, dict, b"Height")? as f32;
    let (dpi, upright) = as_is(w, h, m, bbox);
    (plain && upright && w > 0.0).then(|| Raster {
        pnm: stream.content.clone(),
        dpi: dpi.round() as u32,
        frame: Frame {
            x0: m[4],
            y1: m[5] + m[3],
            scale: w / m[0],
        },
    })
}

/// Resamples `img`, drawn by `m` (unit square → page), into an upright
/// raster of the part `bbox` of the page, at the image's own resolution
/// brought within [`MIN_DPI`]..[`MAX_DPI`]. An image drawn upright at such a
/// resolution is taken as it is.
pub fn upright(img: &Gray, m: &[f32; 6], bbox: &BBox) -> Result<Raster, String> {
    let (w, h) = (img.w as f32, img.h as f32);
    // Page units covered by the image's rows and columns.
    let across = m[0].hypot(m[1]);
    let down = m[2].hypot(m[3]);
    if across <= 0.0 || down <= 0.0 || !across.is_finite() || !down.is_finite() {
        return Err("the image is drawn with an empty matrix".into());
    }
    let (dpi, upright_as_is) = as_is(w, h, m, bbox);
    let mut scale = dpi / 72.0;
    let (bw, bh) = (bbox[2] - bbox[0], bbox[3] - bbox[1]);
    let pixels = (bw * scale).ceil() * (bh * scale).ceil();
    if pixels > MAX_PIXELS as f32 {
        scale *= (MAX_PIXELS as f32 / pixels).sqrt();
    }
    if upright_as_is {
        return Ok(Raster {
            pnm: pgm(img.w, img.h, &img.px),
            dpi: dpi.round() as u32,
            frame: Frame {
                x0: m[4],
                y1: m[5] + m[3],
                scale: w / m[0],
            },
        });
    }
    let (ow, oh) = ((bw * scale).round() as usize, (bh * scale).round() as usize);
    if ow == 0 || oh == 0 {
        return Err("the image is too small".into());
    }
    // Page → unit square: the inverse of m.
    let det = m[0] * m[3] - m[1] * m[2];
    if det.abs() < f32::EPSILON {
        return Err("the image is drawn with a flat matrix".into());
    }
    let inv = [
        m[3] / det,
        -m[1] / det,
        -m[2] / det,
        m[0] / det,
        (m[2] * m[5] - m[3] * m[4]) / det,
        (m[1] * m[4] - m[0] * m[5]) / det,
    ];
    let mut out = Vec::with_capacity(ow * oh);
    for oy in 0..oh {
        let y = bbox[3] - (oy as f32 + 0.5) / scale;
        for ox in 0..ow {
            let x = bbox[0] + (ox as f32 + 0.5) / scale;
            let u = x * inv[0] + y * inv[2] + inv[4];
            let v = x * inv[1] + y * inv[3] + inv[5];
            // Sample centre in image pixels (row 0 at v = 1).
            out.push(bilinear(img, u * w - 0.5, (1.0 - v) * h - 0.5));
        }
    }
    Ok(Raster {
        pnm: pgm(ow, oh, &out),
        dpi: dpi.round() as u32,
        frame: Frame {
            x0: bbox[0],
            y1: bbox[3],
            scale,
        },
    })
}

/// The sample at `(x, y)` (pixel centres at integers), white outside.
fn bilinear(img: &Gray, x: f32, y: f32) -> u8 {
    if !(x > -1.0 && y > -1.0 && x < img.w as f32 && y < img.h as f32) {
        return 255;
    }
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let at = |xi: f32, yi: f32| -> f32 {
        let (xi, yi) = (
            xi.clamp(0.0, (img.w - 1) as f32) as usize,
            yi.clamp(0.0, (img.h - 1) as f32) as usize,
        );
        f32::from(img.px.get(yi * img.w + xi).copied().unwrap_or(255))
    };
    let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1.0, y0) * fx;
    let bottom = at(x0, y0 + 1.0) * (1.0 - fx) + at(x0 + 1.0, y0 + 1.0) * fx;
    (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8
}

/// A binary PGM (P5) file.
pub fn pgm(w: usize, h: usize, px: &[u8]) -> Vec<u8> {
    let mut out = format!("P5\n{w} {h}\n255\n").into_bytes();
    out.extend_from_slice(px);
    out
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn int(doc: &Document, dict: &lopdf::Dictionary, key: &[u8]) -> Option<i64> {
    dict.get(key).ok().and_then(|o| deref(doc, o).as_i64().ok())
}

/// The filters of a stream, first applied first.
fn filters(doc: &Document, dict: &lopdf::Dictionary) -> Vec<Vec<u8>> {
    match dict.get(b"Filter").map(|o| deref(doc, o)) {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| deref(doc, o).as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// The `/DecodeParms` of the last filter.
fn last_parms<'a>(doc: &'a Document, dict: &'a lopdf::Dictionary) -> Option<&'a lopdf::Dictionary> {
    match dict.get(b"DecodeParms").map(|o| deref(doc, o)) {
        Ok(Object::Dictionary(d)) => Some(d),
        Ok(Object::Array(a)) => a.last().and_then(|o| deref(doc, o).as_dict().ok()),
        _ => None,
    }
}

/// How samples map to colours.
enum Space {
    Gray,
    Rgb,
    Cmyk,
    /// Base components and the palette (`hival + 1` entries).
    Indexed(Box<Space>, Vec<u8>),
}

impl Space {
    fn components(&self) -> usize {
        match self {
            Space::Gray => 1,
            Space::Rgb => 3,
            Space::Cmyk => 4,
            Space::Indexed(..) => 1,
        }
    }
}

fn space(doc: &Document, o: &Object, depth: u32) -> Result<Space, String> {
    if depth > 4 {
        return Err("colour space nested too deep".into());
    }
    match deref(doc, o) {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" | b"CalGray" | b"G" => Ok(Space::Gray),
            b"DeviceRGB" | b"CalRGB" | b"RGB" => Ok(Space::Rgb),
            b"DeviceCMYK" | b"CMYK" => Ok(Space::Cmyk),
            other => Err(format!(
                "colour space {} not supported",
                String::from_utf8_lossy(other)
            )),
        },
        Object::Array(a) => {
            let kind = a
                .first()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_name().ok());
            match kind {
                Some(b"ICCBased") => {
                    let n = a
                        .get(1)
                        .and_then(|o| deref(doc, o).as_stream().ok())
                        .and_then(|s| int(doc, &s.dict, b"N"));
                    match n {
                        Some(1) => Ok(Space::Gray),
                        Some(3) => Ok(Space::Rgb),
                        Some(4) => Ok(Space::Cmyk),
                        _ => Err("ICC colour space without a usable /N".into()),
                    }
                }
                Some(b"Indexed" | b"I") => {
                    let base = space(
                        doc,
                        a.get(1).ok_or("indexed space without base")?,
                        depth + 1,
                    )?;
                    let lookup = match a.get(3).map(|o| deref(doc, o)) {
                        Some(Object::String(s, _)) => s.clone(),
                        Some(Object::Stream(s)) => {
                            crate::ingest::pdf::load::stream_data(doc, s, 1 << 20)
                                .map_err(|e| format!("palette: {e}"))?
                        }
                        _ => return Err("indexed space without a palette".into()),
                    };
                    Ok(Space::Indexed(Box::new(base), lookup))
                }
                Some(b"CalGray") => Ok(Space::Gray),
                Some(b"CalRGB" | b"Lab") => Ok(Space::Rgb),
                Some(other) => Err(format!(
                    "colour space {} not supported",
                    String::from_utf8_lossy(other)
                )),
                None => Err("empty colour space".into()),
            }
        }
        _ => Err("no colour space".into()),
    }
}

/// The luminance of one colour of `space` (components 0–255).
fn luma(space: &Space, c: &[u8]) -> u8 {
    let g = |i: usize| u32::from(c.get(i).copied().unwrap_or(0));
    match space {
        Space::Gray => g(0) as u8,
        Space::Rgb => ((299 * g(0) + 587 * g(1) + 114 * g(2)) / 1000) as u8,
        Space::Cmyk => {
            let k = g(3);
            let rgb = |x: u32| 255u32.saturating_sub((x + k).min(255));
            ((299 * rgb(g(0)) + 587 * rgb(g(1)) + 114 * rgb(g(2))) / 1000) as u8
        }
        Space::Indexed(base, lut) => {
            let n = base.components();
            let at = g(0) as usize * n;
            match lut.get(at..at + n) {
                Some(entry) => luma(base, entry),
                None => 255,
            }
        }
    }
}

/// Decodes the image XObject `id` to grey.
pub fn decode(doc: &Document, id: lopdf::ObjectId, opts: &IngestOptions) -> Result<Gray, String> {
    let stream = doc
        .get_object(id)
        .and_then(Object::as_stream)
        .map_err(|e| format!("image object: {e}"))?;
    let dict = &stream.dict;
    let w = int(doc, dict, b"Width")
        .filter(|v| *v > 0)
        .ok_or("image without /Width")? as usize;
    let h = int(doc, dict, b"Height")
        .filter(|v| *v > 0)
        .ok_or("image without /Height")? as usize;
    if w.saturating_mul(h) > MAX_PIXELS {
        return Err(format!("image of {w} × {h} pixels is over the limit"));
    }
    let mask = matches!(
        dict.get(b"ImageMask").map(|o| deref(doc, o)),
        Ok(Object::Boolean(true))
    );
    let invert = match dict.get(b"Decode").map(|o| deref(doc, o)) {
        Ok(Object::Array(a)) => a
            .first()
            .and_then(|o| deref(doc, o).as_float().ok())
            .is_some_and(|v| v > 0.5),
        _ => false,
    };
    let filters = filters(doc, dict);
    let last = filters.last().map(Vec::as_slice);
    let mut gray = match last {
        Some(b"DCTDecode" | b"DCT") => {
            if filters.len() > 1 {
                return Err("a JPEG behind another filter".into());
            }
            jpeg(&stream.content, w, h)?
        }
        Some(b"CCITTFaxDecode" | b"CCF") => {
            if filters.len() > 1 {
                return Err("a CCITT image behind another filter".into());
            }
            ccitt(
                &stream.content,
                w,
                h,
                last_parms(doc, dict).map(|p| (doc, p)),
            )?
        }
        Some(b"JBIG2Decode") => return Err("JBIG2 images are read through the renderer".into()),
        Some(b"JPXDecode") => return Err("JPEG 2000 images are read through the renderer".into()),
        _ => {
            let data = crate::ingest::pdf::load::stream_data(doc, stream, opts.max_stream_bytes)
                .map_err(|e| format!("image data: {e}"))?;
            let (bpc, space) = if mask {
                (1, Space::Gray)
            } else {
                let bpc = int(doc, dict, b"BitsPerComponent").unwrap_or(8);
                let cs = dict
                    .get(b"ColorSpace")
                    .map_err(|_| "image without /ColorSpace".to_string())?;
                (bpc, space(doc, cs, 0)?)
            };
            raw(&data, w, h, bpc as usize, &space)?
        }
    };
    // An image mask paints its 0 samples (in black, as scans use them);
    // `/Decode [1 0]` swaps that, and inverts any other image.
    if invert {
        for p in &mut gray.px {
            *p = 255 - *p;
        }
    }
    Ok(gray)
}

fn jpeg(data: &[u8], w: usize, h: usize) -> Result<Gray, String> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::Luma)
        .set_max_width(w.max(1) * 2)
        .set_max_height(h.max(1) * 2);
    let mut dec = zune_jpeg::JpegDecoder::new_with_options(data, options);
    let px = dec.decode().map_err(|e| format!("JPEG: {e:?}"))?;
    let info = dec.info().ok_or("JPEG without a header")?;
    let (jw, jh) = (usize::from(info.width), usize::from(info.height));
    if px.len() != jw * jh {
        return Err("JPEG decoded to an unexpected size".into());
    }
    Ok(Gray { w: jw, h: jh, px })
}

fn ccitt(
    data: &[u8],
    w: usize,
    h: usize,
    parms: Option<(&Document, &lopdf::Dictionary)>,
) -> Result<Gray, String> {
    let get = |key: &[u8]| parms.and_then(|(doc, p)| int(doc, p, key));
    let k = get(b"K").unwrap_or(0);
    let columns = get(b"Columns").unwrap_or(1728).max(1) as usize;
    let black_is_1 = parms
        .and_then(|(doc, p)| p.get(b"BlackIs1").ok().map(|o| deref(doc, o)))
        .is_some_and(|o| matches!(o, Object::Boolean(true)));
    let mut px = Vec::with_capacity(columns * h);
    let mut rows = 0usize;
    let mut line = |transitions: &[u32]| {
        if rows >= h {
            return;
        }
        rows += 1;
        px.extend(
            fax::decoder::pels(transitions, columns as u32).map(|c| match c {
                fax::Color::Black => 0u8,
                fax::Color::White => 255u8,
            }),
        );
    };
    let done = if k < 0 {
        fax::decoder::decode_g4(
            data.iter().copied(),
            columns as u32,
            Some(h as u32),
            &mut line,
        )
    } else if k == 0 {
        fax::decoder::decode_g3(data.iter().copied(), &mut line)
    } else {
        return Err("mixed 2-D CCITT (K > 0) is read through the renderer".into());
    };
    if done.is_none() && rows == 0 {
        return Err("CCITT data could not be decoded".into());
    }
    px.resize(columns * h, 255);
    // The decoder gives black runs as 0 samples, what the filter yields by
    // default; with `/BlackIs1` they are 1 samples (white in grey).
    if black_is_1 {
        for p in &mut px {
            *p = 255 - *p;
        }
    }
    let _ = w;
    Ok(Gray { w: columns, h, px })
}

/// Samples of `bpc` bits (1, 2, 4, 8 or 16), rows padded to a byte.
fn raw(data: &[u8], w: usize, h: usize, bpc: usize, space: &Space) -> Result<Gray, String> {
    if !matches!(bpc, 1 | 2 | 4 | 8 | 16) {
        return Err(format!("{bpc} bits per component"));
    }
    let n = space.components();
    let row_bytes = (w * n * bpc).div_ceil(8);
    if data.len() < row_bytes * h {
        return Err("image data shorter than its size says".into());
    }
    let indexed = matches!(space, Space::Indexed(..));
    let max = (1u32 << bpc.min(8)) - 1;
    let mut px = Vec::with_capacity(w * h);
    let mut c = vec![0u8; n];
    for row in data.chunks(row_bytes).take(h) {
        for x in 0..w {
            for (i, slot) in c.iter_mut().enumerate() {
                let s = x * n + i;
                let v = match bpc {
                    8 => u32::from(row.get(s).copied().unwrap_or(0)),
                    16 => u32::from(row.get(2 * s).copied().unwrap_or(0)),
                    _ => {
                        let bit = s * bpc;
                        let byte = u32::from(row.get(bit / 8).copied().unwrap_or(0));
                        (byte >> (8 - bpc - bit % 8)) & max
                    }
                };
                *slot = if indexed || bpc >= 8 {
                    v as u8
                } else {
                    (v * 255 / max) as u8
                };
            }
            px.push(luma(space, &c));
        }
    }
    Ok(Gray { w, h, px })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gray(w: usize, h: usize, f: impl Fn(usize, usize) -> u8) -> Gray {
        let mut px = Vec::new();
        for y in 0..h {
            for x in 0..w {
                px.push(f(x, y));
            }
        }
        Gray { w, h, px }
    }

    fn sample(r: &Raster, x: usize, y: usize) -> u8 {
        // Skip the header: three lines.
        let mut lines = 0;
        let start = r
            .pnm
            .iter()
            .position(|&b| {
                if b == b'\n' {
                    lines += 1;
                }
                lines == 3
            })
            .unwrap()
            + 1;
        let head = std::str::from_utf8(&r.pnm[..start]).unwrap();
        let w: usize = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        r.pnm[start + y * w + x]
    }

    #[test]
    fn an_upright_scan_at_300_dpi_is_taken_as_it_is() {
        // 1 × 2 inches at 300 dpi, drawn at (10, 20).
        let img = gray(300, 600, |x, _| if x < 150 { 0 } else { 255 });
        let m = [72.0, 0.0, 0.0, 144.0, 10.0, 20.0];
        let r = upright(&img, &m, &image_box(&m)).unwrap();
        assert_eq!(r.dpi, 300);
        assert_eq!(
            r.frame,
            Frame {
                x0: 10.0,
                y1: 164.0,
                scale: 300.0 / 72.0
            }
        );
        assert_eq!(&r.pnm[..15], b"P5\n300 600\n255\n");
    }

    #[test]
    fn a_low_resolution_scan_drawn_turned_is_upsampled_and_turned_upright() {
        // 100 × 50 pixels, black in its top-left quarter, drawn rotated 90°
        // clockwise (as /Rotate 90 would show it): its top edge goes down
        // the right side of the page box 0..50 × 0..100.
        let img = gray(100, 50, |x, y| if x < 50 && y < 25 { 0 } else { 255 });
        // Unit square: u (across) goes down the page, v (up) goes right.
        let m = [0.0, -100.0, 50.0, 0.0, 0.0, 100.0];
        let b = image_box(&m);
        assert_eq!(b, [0.0, 0.0, 50.0, 100.0]);
        let r = upright(&img, &m, &b).unwrap();
        // 100 pixels over 100 points is 72 dpi: brought to 300.
        assert_eq!(r.dpi, 300);
        let s = r.frame.scale;
        // The image's top-left corner is at the page's top-right.
        let px = |x: f32, y: f32| sample(&r, (x * s) as usize, ((100.0 - y) * s) as usize);
        assert_eq!(px(45.0, 95.0), 0);
        assert_eq!(px(5.0, 95.0), 255);
        assert_eq!(px(45.0, 5.0), 255);
    }

    #[test]
    fn samples_of_every_depth_and_space_become_grey() {
        let g = raw(&[0b1010_0000], 4, 1, 1, &Space::Gray).unwrap();
        assert_eq!(g.px, [255, 0, 255, 0]);
        let g = raw(&[255, 0, 0, 0, 0, 0], 2, 1, 8, &Space::Rgb).unwrap();
        assert_eq!(g.px, [76, 0]);
        let g = raw(&[0, 0, 0, 255], 1, 1, 8, &Space::Cmyk).unwrap();
        assert_eq!(g.px, [0]);
        let pal = Space::Indexed(Box::new(Space::Rgb), vec![255, 255, 255, 0, 0, 0]);
        let g = raw(&[0b0100_0000], 2, 1, 1, &pal).unwrap();
        assert_eq!(g.px, [255, 0]);
        assert!(raw(&[0], 4, 4, 8, &Space::Gray).is_err());
    }
}
