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
    /// Search the catalogue with tantivy and print the ranked codes and scores
    Search {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// How many results to print per query
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON, one array of {query, total, hits} for all queries
        #[arg(long)]
        json: bool,
        /// Also write the static search index to DIR/search/ (its statistics go to stderr)
        #[arg(long, value_name = "DIR")]
        export: Option<PathBuf>,
        /// The queries, as a citizen types them
        queries: Vec<String>,
    },
}

/// Exit codes: 0 clean, 1 content errors, 2 usage or I/O errors (clap exits 2 on usage).
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { content } => match thutuc::check(&content) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => report(e),
        },
        Command::Search {
            content,
            limit,
            json,
            export,
            queries,
        } => {
            let catalogue = match thutuc::check(&content) {
                Ok(c) => c,
                Err(e) => return report(e),
            };
            let done = thutuc::search::Engine::new(&catalogue).and_then(|engine| {
                if let Some(dir) = export {
                    eprintln!("{}", serde_json::json!(engine.export(&dir)?));
                }
                let all = queries
                    .iter()
                    .map(|q| engine.search(q, limit))
                    .collect::<Result<Vec<_>, _>>()?;
                if json {
                    println!("{}", serde_json::json!(all));
                } else {
                    all.iter().for_each(|hits| print!("{hits}"));
                }
                Ok(())
            });
            match done {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
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
