//! `ptsm completions SHELL` and `ptsm man`: generated from the same clap
//! definition as `--help`, so they can never disagree with it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap_complete::Shell;

use super::ui::{self, Dest};

#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Install, for example:
  bash:        ptsm completions bash > ~/.local/share/bash-completion/completions/ptsm
  zsh:         ptsm completions zsh > ~/.zfunc/_ptsm   (with fpath+=~/.zfunc in ~/.zshrc)
  fish:        ptsm completions fish > ~/.config/fish/completions/ptsm.fish
  powershell:  ptsm completions powershell >> $PROFILE")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,

    /// Write the script to FILE instead of standard output (`-`).
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "out",
        value_name = "FILE|-"
    )]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Read it with `ptsm man | man -l -`, or install the pages:
  ptsm man -o ~/.local/share/man/man1 && man ptsm-extract")]
pub struct ManArgs {
    /// Write `ptsm.1` and one `ptsm-SUBCOMMAND.1` page per subcommand into
    /// DIR instead of printing `ptsm.1` on standard output.
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub output: Option<PathBuf>,
}

pub fn completions(a: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = super::command();
    let mut script = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "ptsm", &mut script);
    Dest::of(a.output.as_deref()).write(&script)
}

pub fn man(a: ManArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = super::command();
    // Propagates the global flags (-q, --color) into the subcommands' pages.
    cmd.build();
    let Some(dir) = a.output else {
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut page)?;
        return Dest::Stdout.write(&page);
    };
    let dir = ui::output_folder(
        &dir,
        "`ptsm man` without -o prints ptsm.1 on standard output",
    )?;
    ui::writable_folder(&dir)?;
    // One page for `ptsm`, one per subcommand (`ptsm-extract.1`…), as git
    // and cargo install theirs.
    let mut pages = vec![("ptsm".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        // clap names take `&'static str`: a handful of short names, leaked
        // once per `ptsm man -o`.
        let name: &'static str = format!("ptsm-{}", sub.get_name()).leak();
        pages.push((name.to_string(), sub.clone().name(name)));
    }
    for (name, page_cmd) in pages {
        let mut page = Vec::new();
        clap_mangen::Man::new(page_cmd).render(&mut page)?;
        Dest::File(dir.join(format!("{name}.1"))).write(&page)?;
    }
    Ok(ExitCode::SUCCESS)
}
