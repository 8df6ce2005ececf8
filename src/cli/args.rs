//! Options shared by several subcommands, and small value parsers.

use std::fmt;
use std::str::FromStr;

/// Options that change how a document is read.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DocArgs {
    /// User password for encrypted PDFs (the empty password is always
    /// tried first). It is never written to the outputs or the manifest.
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,

    /// Which PDF pages are read by OCR (Tesseract, French model): `auto`,
    /// the pages without a usable text layer (scans; a page with a text
    /// layer is never OCR'd); `always`, every page; `never`, none.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = Ocr::Auto)]
    pub ocr: Ocr,
}

/// `--ocr`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Ocr {
    #[default]
    Auto,
    Always,
    Never,
}

impl DocArgs {
    pub fn options(&self) -> ptsm::Options {
        let mut o = ptsm::Options::default();
        o.ingest.password = self.password.clone();
        o.ingest.ocr = match self.ocr {
            Ocr::Auto => ptsm::ingest::OcrMode::Auto,
            Ocr::Always => ptsm::ingest::OcrMode::Always,
            Ocr::Never => ptsm::ingest::OcrMode::Never,
        };
        o
    }
}

/// `--shard K/N`: this process takes shard K (1-based) of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u32,
    pub n: u32,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("expected K/N (for example 2/8), got {s:?}"))?;
        let k: u32 = k
            .trim()
            .parse()
            .map_err(|_| format!("K is not a number in {s:?}"))?;
        let n: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("N is not a number in {s:?}"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("need 1 <= K <= N, got {k}/{n}"));
        }
        Ok(Shard { k, n })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parses_k_of_n_and_refuses_out_of_range() {
        assert_eq!("2/8".parse::<Shard>(), Ok(Shard { k: 2, n: 8 }));
        assert_eq!("1/1".parse::<Shard>(), Ok(Shard { k: 1, n: 1 }));
        for bad in ["0/3", "4/3", "1/0", "x/2", "3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
