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
    /// Build the website; the output folder is replaced only if the whole build succeeds
    Build {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// The address the site is published at (default: base_url in site.yaml)
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Build the website for this machine and serve it on 127.0.0.1
    Serve {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder (a preview build: run `thutuc build` before publishing)
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// The port (0: any free port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
}

/// Exit codes: 0 clean, 1 content errors, 2 usage or I/O errors (clap exits 2 on usage).
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { content } => thutuc::check(&content).map(|_| ()),
        Command::Build {
            content,
            output,
            base_url,
        } => thutuc::build(&thutuc::BuildOptions {
            content,
            output: output.clone(),
            base_url,
        })
        .map(|report| {
            let steps: Vec<String> = report
                .steps
                .iter()
                .map(|(name, time)| format!("{name} {} ms", time.as_millis()))
                .collect();
            eprintln!(
                "built {} procedures, {} files into {} for {} ({})",
                report.procedures,
                report.files,
                output.display(),
                report.base_url,
                steps.join(", ")
            );
        }),
        Command::Serve {
            content,
            output,
            port,
        } => thutuc::serve::serve(&content, &output, port),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(e),
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
        other => {
            eprintln!("error: {other}");
            ExitCode::from(2)
        }
    }
}
