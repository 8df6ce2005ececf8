//! The `ptsm` command line.

mod cli;

/// The system allocator; an allocation that fails on a document thread
/// fails that document, not the batch (see `cli::memory`).
#[global_allocator]
static ALLOCATOR: cli::memory::Allocator = cli::memory::Allocator;

fn main() -> std::process::ExitCode {
    cli::main()
}
