//! What a user meets (issue 17): one grammar for every subcommand (flags,
//! `-` for standard output, usage errors with a hint, exit codes in the
//! help), nothing silent (unsupported files, empty runs), typed tables
//! read back by DuckDB, pandas and openpyxl, `--compact`, `stats`,
//! completions and the manual page, and the progress line in a
//! pseudo-terminal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use crate::cli::{corpus, ptsm, scratch, stderr, BIN};
use crate::skip::skip;

const SUBCOMMANDS: [&str; 10] = [
    "extract",
    "text",
    "fetch",
    "export",
    "stats",
    "validate",
    "diff",
    "check",
    "completions",
    "man",
];

fn codes_txt() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tables/codes.txt")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn assert_usage(o: &Output, message: &str, hint: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(message), "no «{message}» in:\n{err}");
    assert!(
        err.contains("hint:") && err.contains(hint),
        "no hint «{hint}» in:\n{err}"
    );
}

#[test]
fn every_subcommand_shares_quiet_color_and_lists_exit_codes() {
    for sub in SUBCOMMANDS {
        let o = ptsm(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub}");
        let help = String::from_utf8_lossy(&o.stdout);
        for needle in [
            "-q, --quiet",
            "--color <WHEN>",
            "Exit status:",
            "2  usage error",
            "Environment:",
            "NO_COLOR",
        ] {
            assert!(
                help.contains(needle),
                "ptsm {sub} --help lacks «{needle}»:\n{help}"
            );
        }
    }
    // Every subcommand that writes something takes -o/--output, with --out
    // kept as an alias.
    for sub in [
        "extract",
        "text",
        "fetch",
        "export",
        "stats",
        "diff",
        "completions",
        "man",
    ] {
        let help = String::from_utf8_lossy(&ptsm(&[sub, "--help"]).stdout).into_owned();
        assert!(
            help.contains("-o, --output") && help.contains("--out"),
            "ptsm {sub}: {help}"
        );
    }
    // Global flags go before or after the subcommand.
    let d = scratch("users-global");
    let f = corpus("meuse-ctsm-2023.txt");
    for args in [
        vec!["-q", "--color", "never", "text", s(&f)],
        vec!["text", s(&f), "--quiet", "--color=always"],
    ] {
        let o = ptsm(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    let o = ptsm(&["extract", "-q", s(&f), "--output", s(&d.join("a"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "-q prints nothing: {}", stderr(&o));
    let o = ptsm(&["extract", s(&f), "--out", s(&d.join("b"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(d.join("b/meuse-ctsm-2023.txt.json").is_file());
}

#[test]
fn color_is_used_only_when_asked_or_on_a_terminal() {
    let d = scratch("users-color");
    let o = ptsm(&["extract", s(&d), "--stdout", "--color", "always"]);
    assert!(stderr(&o).contains("\x1b[1;31merror:"), "{}", stderr(&o));
    for args in [
        vec!["extract", s(&d), "--stdout"],
        vec!["extract", s(&d), "--stdout", "--color", "never"],
    ] {
        let o = ptsm(&args);
        assert!(!stderr(&o).contains('\x1b'), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn standard_output_where_a_file_is_expected_and_usage_errors_where_a_folder_is() {
    let d = scratch("users-dash");
    let f = corpus("meuse-ctsm-2023.txt");
    // A folder is expected: `-` is refused, nothing named `-` is created.
    assert_usage(
        &ptsm(&["extract", s(&f), "-o", "-"]),
        "is not one",
        "--jsonl -",
    );
    let out = d.join("out");
    assert_eq!(
        ptsm(&["extract", "-q", s(&f), "-o", s(&out)]).status.code(),
        Some(0)
    );
    assert_usage(
        &ptsm(&["export", s(&out), "-o", "-"]),
        "is not one",
        "folder",
    );
    assert_usage(
        &ptsm(&["fetch", "http://127.0.0.1:9/x", "-o", "-"]),
        "is not one",
        "--stdout",
    );
    assert!(!Path::new("-").exists(), "a folder named - was created");
    // A file is expected: `-` is standard output.
    let o = ptsm(&["text", s(&f), "-o", "-"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Meuse"));
    let o = ptsm(&["stats", s(&out), "-o", "-", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"], 1);
    let o = ptsm(&["diff", s(&out), s(&out), "-o", "-"]);
    assert_eq!(o.status.code(), Some(0));
    let o = ptsm(&["completions", "bash", "-o", "-"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("_ptsm"));
    let t = d.join("text.txt");
    assert_eq!(ptsm(&["text", s(&f), "-o", s(&t)]).status.code(), Some(0));
    assert!(std::fs::read_to_string(&t).unwrap().contains("Meuse"));
}

#[test]
fn a_folder_given_to_stdout_or_text_is_a_usage_error_with_a_hint() {
    let d = scratch("users-stdout-dir");
    std::fs::write(d.join("a.txt"), "Bonjour").unwrap();
    assert_usage(
        &ptsm(&["extract", s(&d), "--stdout"]),
        "is a folder",
        "-o DIR",
    );
    assert_usage(&ptsm(&["text", s(&d)]), "is a folder", "ptsm extract");
    let f = corpus("meuse-ctsm-2023.txt");
    assert_usage(
        &ptsm(&["extract", s(&f), s(&f), "--stdout"]),
        "2 inputs",
        "--jsonl -",
    );
    assert_usage(
        &ptsm(&[
            "export",
            s(&d),
            "--format",
            "parquet",
            "--csv-excel",
            "-o",
            s(&d),
        ]),
        "--csv-excel",
        "--format csv",
    );
}

#[test]
fn an_unwritable_output_folder_says_so_and_what_to_do() {
    let d = scratch("users-ro");
    let ro = d.join("ro");
    std::fs::create_dir_all(&ro).unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    std::fs::set_permissions(&ro, perms).unwrap();
    // Root writes anywhere: then take a folder no one can write in.
    let target = if std::fs::write(ro.join("probe"), "x").is_err() {
        ro.clone()
    } else if Path::new("/sys/fs").is_dir() {
        PathBuf::from("/sys/fs")
    } else {
        skip(
            "an_unwritable_output_folder_says_so_and_what_to_do",
            "running as root and /sys/fs is absent: no unwritable folder to try",
        );
        return;
    };
    let f = corpus("meuse-ctsm-2023.txt");
    for args in [
        vec!["extract", s(&f), "-o", s(&target)],
        vec!["fetch", "http://127.0.0.1:9/x", "-o", s(&target)],
    ] {
        let o = ptsm(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "cannot write to {}: permission denied; choose another --output",
                target.display()
            )),
            "{err}"
        );
    }
    let out = d.join("out");
    assert_eq!(
        ptsm(&["extract", "-q", s(&f), "-o", s(&out)]).status.code(),
        Some(0)
    );
    let o = ptsm(&["export", s(&out), "-o", s(&target)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("choose another --output"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn nothing_silent_unsupported_files_and_empty_runs() {
    let d = scratch("users-silent");
    let empty = d.join("vide");
    std::fs::create_dir_all(&empty).unwrap();
    let o = ptsm(&["extract", s(&empty), "-o", s(&d.join("o1"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("no supported input in {}", empty.display())),
        "{}",
        stderr(&o)
    );

    // Only office files: exit 1, each named in errors.jsonl and counted in
    // the summary.
    let office = d.join("bureau");
    std::fs::create_dir_all(&office).unwrap();
    std::fs::write(office.join("contrat.docx"), b"PK\x03\x04word/document.xml").unwrap();
    std::fs::write(office.join("tableau.xlsx"), b"PK\x03\x04xl/workbook.xml").unwrap();
    let out = d.join("o2");
    let o = ptsm(&["extract", s(&office), "-o", s(&out)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("no supported input in"), "{err}");
    assert!(err.contains("2 unsupported format"), "{err}");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(out.join("errors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["kind"] == "unsupported_format"));
    assert!(lines[0]["path"].as_str().unwrap().ends_with("contrat.docx"));
    assert!(lines[0]["message"].as_str().unwrap().contains("DOCX"));
    let summary = crate::cli::json(&out.join("summary.json"));
    assert_eq!(summary["skipped_paths"]["total"], 2);
    assert_eq!(
        summary["skipped_paths"]["by_reason"]["unsupported_format"],
        2
    );

    // Beside a document: the document is converted (exit 0), the .docx
    // still named.
    std::fs::copy(corpus("meuse-ctsm-2023.txt"), office.join("meuse.txt")).unwrap();
    let out = d.join("o3");
    let o = ptsm(&["extract", s(&office), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 unsupported format (1 .docx, 1 .xlsx)"),
        "{}",
        stderr(&o)
    );
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert_eq!(errors.lines().count(), 2, "{errors}");

    // Named on the command line: a failure of kind unsupported_format.
    let out = d.join("o4");
    let o = ptsm(&["extract", s(&office.join("contrat.docx")), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("unsupported format: DOCX"),
        "{}",
        stderr(&o)
    );
    assert!(std::fs::read_to_string(out.join("errors.jsonl"))
        .unwrap()
        .contains("\"kind\":\"unsupported_format\""));

    // validate, export, stats on a folder without JSON: exit 1.
    for sub in ["validate", "stats"] {
        let o = ptsm(&[sub, s(&empty)]);
        assert_eq!(o.status.code(), Some(1), "{sub}");
        assert!(
            stderr(&o).contains("no ptsm JSON in"),
            "{sub}: {}",
            stderr(&o)
        );
    }
    let o = ptsm(&["export", s(&empty), "-o", s(&d.join("t"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no ptsm JSON in"), "{}", stderr(&o));
}

#[test]
fn compact_writes_one_line_with_the_same_document() {
    let d = scratch("users-compact");
    let f = corpus("normandie-ptsm-2026.txt");
    let pretty = ptsm(&["extract", s(&f), "--stdout"]);
    let compact = ptsm(&["extract", s(&f), "--stdout", "--compact"]);
    assert_eq!(compact.status.code(), Some(0));
    assert_eq!(compact.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
    assert!(
        compact.stdout.len() * 10 < pretty.stdout.len() * 7,
        "compact is smaller"
    );
    let a: serde_json::Value = serde_json::from_slice(&pretty.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&compact.stdout).unwrap();
    assert_eq!(a, b);
    let out = d.join("out");
    let o = ptsm(&["extract", "-q", "--compact", s(&f), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0));
    let file = std::fs::read(out.join("normandie-ptsm-2026.txt.json")).unwrap();
    assert_eq!(file, compact.stdout);
    // Switching form converts again rather than keeping the other form.
    let o = ptsm(&["extract", s(&f), "-o", s(&out)]);
    assert!(stderr(&o).contains("1 converted"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(out.join("normandie-ptsm-2026.txt.json")).unwrap(),
        pretty.stdout
    );
}

#[test]
fn stats_prints_a_table_and_writes_csv_or_json() {
    let d = scratch("users-stats");
    let out = d.join("out");
    let o = ptsm(&[
        "extract",
        "-q",
        s(&corpus("normandie-ptsm-2026.txt")),
        s(&codes_txt()),
        "-o",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = Command::new(BIN)
        .args(["stats", s(&out)])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let table = String::from_utf8(o.stdout).unwrap();
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
    assert!(table.contains("10 territories in 2 documents"), "{table}");
    assert!(
        table.contains("Ain") && table.contains("01") && table.contains("6/0"),
        "{table}"
    );
    assert!(
        table.contains("Corse-du-Sud") && table.contains("2A"),
        "{table}"
    );
    assert!(
        table.contains("T1") && table.contains("Périnatalité"),
        "{table}"
    );
    assert!(table.contains("warnings by code"), "{table}");
    let csv_path = d.join("s.csv");
    assert_eq!(
        ptsm(&["stats", s(&out), "-o", s(&csv_path)]).status.code(),
        Some(0)
    );
    let mut rd = csv::Reader::from_path(&csv_path).unwrap();
    let h = rd.headers().unwrap().clone();
    assert_eq!(&h[3], "departement");
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().any(|r| &r[3] == "2A"));
    let o = ptsm(&["stats", s(&out), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["territories"].as_array().unwrap().len(), 10);
    assert!(v["warnings_by_code"].is_object());
}

#[test]
fn completions_and_man_pages_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = ptsm(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(o.stdout).unwrap();
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
        assert!(
            script.contains("output") && script.contains("color"),
            "{shell}"
        );
    }
    let o = ptsm(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH ptsm 1"),
        "{page}"
    );
    for sub in SUBCOMMANDS {
        assert!(page.contains(sub), "ptsm.1 lacks {sub}");
    }
    let d = scratch("users-man");
    let o = ptsm(&["man", "-o", s(&d)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for sub in SUBCOMMANDS {
        let page = std::fs::read_to_string(d.join(format!("ptsm-{sub}.1"))).unwrap();
        assert!(page.contains(&format!(".TH ptsm-{sub} 1")), "{sub}: {page}");
        assert!(
            page.contains("\\-\\-quiet"),
            "{sub}: global flags in its page"
        );
    }
    assert!(d.join("ptsm.1").is_file());
}

/// The corpus texts and `codes.txt` ("01", "2A", "974") plus two PDFs
/// (pages), converted and exported in `format`.
fn export_of(name: &str, format: &[&str]) -> PathBuf {
    let d = scratch(name);
    let out = d.join("out");
    let o = ptsm(&[
        "extract",
        "-q",
        s(&codes_txt()),
        s(&corpus("meuse-ctsm-2023.txt")),
        s(&corpus("normandie-ptsm-2026.libreoffice.pdf")),
        "-o",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tables = d.join("tables");
    let mut args = vec!["export", s(&out), "-o", s(&tables)];
    args.extend_from_slice(format);
    let o = ptsm(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    tables
}

#[cfg(feature = "tables")]
#[test]
fn parquet_columns_have_their_declared_types() {
    use parquet::basic::{LogicalType, Type as Physical};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;

    let tables = export_of("users-parquet-rust", &["--format", "parquet"]);
    let r =
        SerializedFileReader::new(std::fs::File::open(tables.join("territories.parquet")).unwrap())
            .unwrap();
    let schema = r.metadata().file_metadata().schema_descr_ptr();
    let col = |name: &str| {
        (0..schema.num_columns())
            .map(|i| schema.column(i))
            .find(|c| c.name() == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    assert_eq!(col("departement").physical_type(), Physical::BYTE_ARRAY);
    assert_eq!(
        col("departement").logical_type_ref(),
        Some(&LogicalType::String)
    );
    for n in ["declared_actions", "listed_actions", "page", "line"] {
        assert_eq!(col(n).physical_type(), Physical::INT64, "{n}");
    }
    assert_eq!(col("about").physical_type(), Physical::BOOLEAN);
    let dept = (0..schema.num_columns())
        .position(|i| schema.column(i).name() == "departement")
        .unwrap();
    let page = (0..schema.num_columns())
        .position(|i| schema.column(i).name() == "page")
        .unwrap();
    let mut depts = Vec::new();
    let (mut with_page, mut without_page) = (0, 0);
    for row in r.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        if let Ok(d) = row.get_string(dept) {
            depts.push(d.clone());
        }
        match row.get_long(page) {
            Ok(p) => {
                assert!(p >= 1);
                with_page += 1;
            }
            Err(_) => without_page += 1,
        }
    }
    for code in ["01", "2A", "974", "55", "61"] {
        assert!(depts.iter().any(|d| d == code), "{code} in {depts:?}");
    }
    assert!(
        with_page > 0 && without_page > 0,
        "{with_page} {without_page}"
    );
    let docs =
        SerializedFileReader::new(std::fs::File::open(tables.join("documents.parquet")).unwrap())
            .unwrap();
    let ds = docs.metadata().file_metadata().schema_descr_ptr();
    let date = (0..ds.num_columns())
        .find(|&i| ds.column(i).name() == "date")
        .unwrap();
    assert_eq!(ds.column(date).logical_type_ref(), Some(&LogicalType::Date));
}

/// A Python with duckdb, pandas, pyarrow and openpyxl, in a virtual
/// environment under `target/` made once per machine (`pip install`); when
/// it cannot be made (no python3, no network), `None` after saying that
/// `test` is skipped and why.
fn python(test: &str) -> Option<PathBuf> {
    static PY: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let made = PY.get_or_init(|| {
        let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tmp/python-tables");
        let py = venv.join("bin/python");
        let ready = |py: &Path| {
            Command::new(py)
                .args(["-c", "import duckdb, pandas, pyarrow, openpyxl"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if ready(&py) {
            return Ok(py);
        }
        let run = |c: &mut Command, what: &str| -> Result<(), String> {
            match c.output() {
                Ok(o) if o.status.success() => Ok(()),
                Ok(o) => Err(format!(
                    "{what} failed: {}",
                    String::from_utf8_lossy(&o.stderr)
                        .lines()
                        .last()
                        .unwrap_or("")
                )),
                Err(e) => Err(format!("{what}: {e}")),
            }
        };
        run(
            Command::new("python3").args(["-m", "venv"]).arg(&venv),
            "python3 -m venv",
        )?;
        run(
            Command::new(&py).args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "duckdb",
                "pandas",
                "pyarrow",
                "openpyxl",
            ]),
            "pip install duckdb pandas pyarrow openpyxl",
        )?;
        if ready(&py) {
            Ok(py)
        } else {
            Err("the packages were installed but do not import".into())
        }
    });
    match made {
        Ok(p) => Some(p.clone()),
        Err(why) => {
            skip(test, why);
            None
        }
    }
}

/// Runs `script` with `args` in the tables' Python; its stdout as JSON.
fn py_json(py: &Path, script: &str, args: &[&Path]) -> serde_json::Value {
    let o = Command::new(py)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn parquet_loads_typed_in_duckdb_and_pandas() {
    let test = "parquet_loads_typed_in_duckdb_and_pandas";
    let tables = export_of("users-parquet-py", &["--format", "parquet"]);
    let Some(py) = python(test) else { return };
    let v = py_json(
        &py,
        r#"
import sys, json, duckdb, pandas as pd
d = sys.argv[1]
con = duckdb.connect()
def types(t):
    return {r[0]: r[1] for r in con.execute(f"describe select * from '{d}/{t}.parquet'").fetchall()}
def pd_types(t, **kw):
    return {c: str(x) for c, x in pd.read_parquet(f"{d}/{t}.parquet", **kw).dtypes.items()}
out = {
  "duckdb": {t: types(t) for t in ["documents", "territories", "actions", "lists", "dates", "counts"]},
  "duckdb_depts": sorted(r[0] for r in con.execute(f"select departement from '{d}/territories.parquet' where departement is not null").fetchall()),
  "pandas": pd_types("territories"),
  "pandas_arrow": pd_types("territories", dtype_backend="pyarrow"),
  "pandas_depts": sorted(pd.read_parquet(f"{d}/territories.parquet")["departement"].dropna()),
  "pandas_dep_kinds": sorted({type(x).__name__ for x in pd.read_parquet(f"{d}/territories.parquet")["departement"].dropna()}),
}
print(json.dumps(out))
"#,
        &[&tables],
    );
    let duck = &v["duckdb"];
    assert_eq!(duck["territories"]["departement"], "VARCHAR");
    assert_eq!(duck["territories"]["parent_departement"], "VARCHAR");
    assert_eq!(duck["territories"]["declared_actions"], "BIGINT");
    assert_eq!(duck["territories"]["page"], "BIGINT");
    assert_eq!(duck["territories"]["about"], "BOOLEAN");
    assert_eq!(duck["documents"]["date"], "DATE");
    assert_eq!(duck["documents"]["warnings"], "BIGINT");
    assert_eq!(duck["actions"]["priority"], "BIGINT");
    assert_eq!(duck["actions"]["departement"], "VARCHAR");
    assert_eq!(duck["actions"]["themes"], "VARCHAR[]");
    assert_eq!(duck["lists"]["decree_priority"], "BIGINT");
    assert_eq!(duck["dates"]["start"], "DATE");
    assert_eq!(duck["counts"]["count"], "BIGINT");
    let depts: Vec<&str> = v["duckdb_depts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    for code in ["01", "2A", "974"] {
        assert!(depts.contains(&code), "DuckDB: {code} in {depts:?}");
    }
    assert_eq!(v["pandas_arrow"]["page"], "int64[pyarrow]");
    assert_eq!(v["pandas_arrow"]["declared_actions"], "int64[pyarrow]");
    assert_eq!(v["pandas_arrow"]["departement"], "string[pyarrow]");
    assert_eq!(v["pandas_dep_kinds"], serde_json::json!(["str"]));
    for code in ["01", "2A", "974"] {
        assert!(
            v["pandas_depts"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x == code),
            "pandas: {code} in {}",
            v["pandas_depts"]
        );
    }
}

#[test]
fn csv_loads_typed_in_duckdb_and_pandas_as_the_readme_says() {
    let test = "csv_loads_typed_in_duckdb_and_pandas_as_the_readme_says";
    let tables = export_of("users-csv-py", &[]);
    let excel = export_of("users-csv-excel-py", &["--csv-excel"]);
    let Some(py) = python(test) else { return };
    // The loads of the README's "Typed loads" section.
    let v = py_json(
        &py,
        r#"
import sys, json, duckdb, pandas as pd
d, x = sys.argv[1], sys.argv[2]
con = duckdb.connect()
q = f"select departement from read_csv('{d}/territories.csv', types={{'departement': 'VARCHAR', 'parent_departement': 'VARCHAR'}}) where departement is not null"
t = pd.read_csv(f"{d}/territories.csv", dtype={"departement": str, "parent_departement": str}, keep_default_na=False, na_values=[""])
e = pd.read_csv(f"{x}/territories.csv", sep=";", encoding="utf-8-sig", dtype={"departement": str})
print(json.dumps({
  "duckdb": sorted(r[0] for r in con.execute(q).fetchall()),
  "pandas": sorted(v for v in t["departement"] if isinstance(v, str)),
  "excel": sorted(v for v in e["departement"] if isinstance(v, str)),
  "excel_first_column": list(e.columns)[0],
}))
"#,
        &[&tables, &excel],
    );
    for key in ["duckdb", "pandas", "excel"] {
        for code in ["01", "2A", "974"] {
            assert!(
                v[key].as_array().unwrap().iter().any(|x| x == code),
                "{key}: {code} in {}",
                v[key]
            );
        }
    }
    assert_eq!(v["excel_first_column"], "document_id");
}

#[test]
fn xlsx_cells_keep_their_types_in_openpyxl() {
    let test = "xlsx_cells_keep_their_types_in_openpyxl";
    let tables = export_of("users-xlsx-py", &["--format", "xlsx"]);
    assert!(tables.join("tables.xlsx").is_file());
    let Some(py) = python(test) else { return };
    let v = py_json(
        &py,
        r#"
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1] + "/tables.xlsx")
def column(sheet, name):
    ws = wb[sheet]
    rows = list(ws.iter_rows(values_only=True))
    i = rows[0].index(name)
    return [r[i] for r in rows[1:]]
kinds = lambda vals: sorted({type(v).__name__ for v in vals})
print(json.dumps({
  "sheets": wb.sheetnames,
  "depts": sorted(v for v in column("territories", "departement") if v is not None),
  "dept_kinds": kinds(column("territories", "departement")),
  "page_kinds": kinds(column("territories", "page")),
  "count_kinds": kinds(column("territories", "listed_actions")),
  "date_kinds": kinds(column("documents", "date")),
  "about_kinds": kinds(column("territories", "about")),
}))
"#,
        &[&tables],
    );
    assert_eq!(
        v["sheets"],
        serde_json::json!([
            "documents",
            "territories",
            "working_groups",
            "actions",
            "action_fields",
            "axes",
            "lists",
            "dates",
            "counts"
        ])
    );
    for code in ["01", "2A", "974"] {
        assert!(
            v["depts"].as_array().unwrap().iter().any(|x| x == code),
            "{code} in {}",
            v["depts"]
        );
    }
    assert_eq!(v["dept_kinds"], serde_json::json!(["NoneType", "str"]));
    assert_eq!(v["page_kinds"], serde_json::json!(["NoneType", "int"]));
    assert_eq!(v["count_kinds"], serde_json::json!(["int"]));
    // A document whose text gives no date has an empty cell.
    assert_eq!(v["date_kinds"], serde_json::json!(["NoneType", "datetime"]));
    assert_eq!(v["about_kinds"], serde_json::json!(["bool"]));
}

/// Runs `args` with stderr on a pseudo-terminal `cols` columns wide; what
/// the terminal received.
fn in_terminal(args: &[&str], cols: u16) -> String {
    use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};
    use std::io::Read;

    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().unwrap())
        .unwrap();
    rustix::termios::tcsetwinsize(
        &slave,
        rustix::termios::Winsize {
            ws_row: 24,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .unwrap();
    let mut child = Command::new(BIN)
        .args(args)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    let mut master = std::fs::File::from(master);
    let reader = std::thread::spawn(move || {
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        // The read fails (EIO) once the child has closed the terminal.
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        got
    });
    let status = child.wait().unwrap();
    assert!(status.success(), "{args:?}");
    String::from_utf8_lossy(&reader.join().unwrap()).into_owned()
}

/// The frames the progress bar drew: each piece between carriage returns
/// and line feeds, escape sequences removed, that holds "ETA".
fn bar_frames(screen: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = screen.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters final-byte.
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if ('@'..='~').contains(&d) {
                        break;
                    }
                }
            }
            continue;
        }
        plain.push(c);
    }
    plain
        .split(['\r', '\n'])
        .filter(|l| l.contains("ETA"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_progress_line_fits_80_and_120_columns() {
    let d = scratch("users-progress");
    let src = d.join("un-dossier-au-nom-assez-long/pour-voir/si-la-barre-tient-sur-une-ligne");
    std::fs::create_dir_all(&src).unwrap();
    let text = std::fs::read(corpus("meuse-ctsm-2023.raw.txt")).unwrap();
    for i in 0..60 {
        std::fs::write(
            src.join(format!(
                "communique-de-presse-signature-du-contrat-territorial-de-sante-mentale-{i:03}.txt"
            )),
            &text,
        )
        .unwrap();
    }
    let rate = regex::Regex::new(r" \d+/60 \d+\.\d/s ETA \d+[smh]").unwrap();
    for cols in [80u16, 120] {
        let out = d.join(format!("out-{cols}"));
        let screen = in_terminal(&["extract", "-j", "1", s(&d), "-o", s(&out)], cols);
        let frames = bar_frames(&screen);
        assert!(
            !frames.is_empty(),
            "no bar drawn at {cols} columns:\n{screen:?}"
        );
        for f in &frames {
            // indicatif pads the line with spaces to the width; what is
            // drawn must stop short of the last column.
            let w = f.trim_end().chars().count();
            assert!(w < usize::from(cols), "{w} columns at {cols}: {f:?}");
            assert!(
                rate.is_match(f),
                "bar, count, rate with one decimal, ETA: {f:?}"
            );
        }
        // The file name, shortened from the middle, ends with its own name.
        let named = frames.iter().filter(|f| f.contains('…')).count();
        assert!(named > 0, "no shortened name at {cols}: {frames:#?}");
        assert!(
            frames.iter().any(|f| f.trim_end().ends_with(".txt")),
            "{frames:#?}"
        );
    }
}
