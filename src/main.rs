//! The `thutuc` command line: parses arguments, calls the library, maps errors to exit codes.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
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
            Ok(catalogue) => {
                // The process ends here: the OS takes the memory back at once, where
                // freeing the catalogue piece by piece costs 70 ms at 10,000 procedures.
                std::mem::forget(catalogue);
                ExitCode::SUCCESS
            }
            Err(e) => report(e),
        },
    }
}

fn report(error: thutuc::Error) -> ExitCode {
    match error {
        thutuc::Error::Content(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            eprintln!("{} problem(s) found", diagnostics.len());
            ExitCode::from(1)
        }
        thutuc::Error::Io(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
