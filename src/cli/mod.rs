//! Command-line front end: argument parsing, batch driving, progress.

use std::process::ExitCode;

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    eprintln!("ptsm: not implemented yet ({} args)", args.len());
    ExitCode::from(2)
}
