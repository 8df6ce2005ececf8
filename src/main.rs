//! The `ptsm` command line.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
