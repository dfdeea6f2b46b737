//! The `thutuc` command line: parses arguments, calls the library, maps errors to exit codes.

use clap::{Args, Parser, Subcommand};
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
    /// Write content files from downloaded lists and records (see docs/import.md)
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
}

#[derive(Subcommand)]
enum ImportSource {
    /// Procedure detail JSON of the national platform (dichvucong.gov.vn); files or folders
    Dvcqg {
        #[arg(required = true, value_name = "FILE_OR_DIR")]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        target: ImportTarget,
    },
    /// The "Danh sách TTHC" list export (.xlsx): one file per procedure, to be filled in
    Xlsx {
        file: PathBuf,
        #[command(flatten)]
        target: ImportTarget,
    },
    /// A CSV list of procedures, one a row (columns below)
    #[command(after_long_help = thutuc::import::csv::LAYOUT)]
    Csv {
        file: PathBuf,
        #[command(flatten)]
        target: ImportTarget,
    },
}

#[derive(Args)]
struct ImportTarget {
    /// The content folder to write into (created if missing)
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Also replace procedure files that a person has edited since they were imported
    #[arg(long)]
    force: bool,
}

/// Exit codes: 0 clean, 1 content errors, 2 usage or I/O errors (clap exits 2 on usage).
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { content } => match thutuc::check(&content) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => report(e),
        },
        Command::Import { source } => import(source),
    }
}

fn import(source: ImportSource) -> ExitCode {
    use thutuc::import::{Options, Source, run};
    let (source, inputs, target) = match source {
        ImportSource::Dvcqg { inputs, target } => (Source::Dvcqg, inputs, target),
        ImportSource::Xlsx { file, target } => (Source::Xlsx, vec![file], target),
        ImportSource::Csv { file, target } => (Source::Csv, vec![file], target),
    };
    let options = Options {
        content: target.content,
        force: target.force,
    };
    match run(source, &inputs, &options) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
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
