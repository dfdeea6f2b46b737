//! The `thutuc` command line: parses arguments, calls the library, maps errors to exit codes.

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "thutuc",
    version,
    about = "Build a public website from a catalogue of administrative procedures"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content and print every problem (exit 1 if any)
    Check {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

/// Exit codes: 0 clean, 1 content errors, 2 usage or I/O errors (clap exits 2 on usage).
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { content } => match thutuc::check(&content) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => report(e, &content),
        },
    }
}

fn report(error: thutuc::Error, content: &Path) -> ExitCode {
    match error {
        thutuc::Error::Content(diagnostics) => {
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!(
                "{}",
                thutuc::diagnostics::render(&diagnostics, content, colour)
            );
            ExitCode::from(1)
        }
        thutuc::Error::Io(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
