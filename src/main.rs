//! The `thutuc` command line: parses arguments, calls the library, maps errors to exit codes.

use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use thutuc::progress::Progress;

// Rendering allocates and frees many small strings on every core; glibc's allocator
// spent a fifth of a 10,000-procedure build in malloc (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        #[command(flatten)]
        quiet: Quiet,
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
        #[command(flatten)]
        quiet: Quiet,
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
    /// Write JSON Schemas of the content files, for editors' YAML support
    Schema {
        /// Where to write them
        #[arg(long, default_value = "schemas")]
        output: PathBuf,
    },
    /// Write a new content file with every field laid out and explained
    #[command(subcommand)]
    New(NewKind),
    /// Write content files from downloaded lists and records (see docs/import.md)
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Report, for the staff who review the catalogue, what is stale, incomplete or
    /// heavy, per agency and field (never published with the site)
    Review(ReviewArgs),
}

#[derive(Args)]
struct ReviewArgs {
    /// The content folder
    #[arg(long, default_value = "content")]
    content: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: ReviewFormat,
    /// Write the report here instead of to standard output
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// A procedure not updated for this many months is stale
    #[arg(long, default_value_t = 12, value_name = "N")]
    stale_months: u32,
    /// Also list legal bases dated before 1 January of this year
    #[arg(long, value_name = "YEAR")]
    law_before: Option<u16>,
    /// How many procedures each "heaviest" list names
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// The day the report is for, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Exit 1 when any of these kinds is found (stale,untyped,form-missing,old-law,
    /// replaced-law,no-contact,abolished-in-group,near-duplicate,heavy)
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    fail_on: Vec<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReviewFormat {
    Text,
    Csv,
    Html,
}

#[derive(Subcommand)]
enum NewKind {
    /// A new procedure: procedures/<field>/<title as ASCII>.md
    Procedure {
        /// The procedure's title, in Vietnamese
        title: String,
        /// A field id from fields.yaml
        #[arg(long)]
        field: String,
        /// A level id from levels.yaml
        #[arg(long)]
        level: String,
        /// The agency id (a file name in agencies/)
        #[arg(long)]
        agency: Option<String>,
        /// The national code, e.g. 1.001193
        #[arg(long)]
        code: Option<String>,
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// A new agency: agencies/<id>.yaml
    Agency {
        /// The agency's full name
        name: String,
        /// A level id from levels.yaml
        #[arg(long)]
        level: String,
        /// The id (file name); default: the name as ASCII
        #[arg(long)]
        id: Option<String>,
        #[arg(long, default_value = "content")]
        content: PathBuf,
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
    #[command(flatten)]
    quiet: Quiet,
}

/// Progress shows on a terminal only (on stderr); `--quiet` hides it and the summary.
#[derive(Args)]
struct Quiet {
    /// Print nothing but problems: no progress, no summary when all went well
    #[arg(short, long)]
    quiet: bool,
}

/// Exit codes: 0 clean, 1 content errors, 2 usage or I/O errors (clap exits 2 on usage).
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { content, quiet } => match with_progress(quiet.quiet, |progress| {
            thutuc::check_with(&content, progress)
        }) {
            Ok(catalogue) => {
                // The process ends here: the OS takes the memory back at once, where
                // freeing the catalogue piece by piece costs 70 ms at 10,000 procedures.
                std::mem::forget(catalogue);
                ExitCode::SUCCESS
            }
            Err(e) => report(e, &content),
        },
        Command::Build {
            content,
            output,
            base_url,
            quiet,
        } => {
            let options = thutuc::BuildOptions {
                content: content.clone(),
                output: output.clone(),
                base_url,
            };
            match with_progress(quiet.quiet, |progress| {
                thutuc::build_with(&options, progress)
            }) {
                Ok(_) if quiet.quiet => ExitCode::SUCCESS,
                Ok(report) => {
                    let steps: Vec<String> = report
                        .steps
                        .iter()
                        .map(|(name, time)| format!("{name} {} ms", time.as_millis()))
                        .collect();
                    // Pages kept from the output because their inputs did not change.
                    let kept = match report.pages_kept {
                        0 => String::new(),
                        kept => format!(
                            "; pages: {} made, {kept} kept as they were",
                            report.pages_made
                        ),
                    };
                    eprintln!(
                        "built {} procedures, {} files into {} for {} ({}{kept})",
                        report.procedures,
                        report.files,
                        output.display(),
                        report.base_url,
                        steps.join(", ")
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => report(e, &content),
            }
        }
        Command::Serve {
            content,
            output,
            port,
        } => match thutuc::serve::serve(&content, &output, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => report(e, &content),
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
                Err(e) => return report(e, &content),
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
        Command::Schema { output } => match thutuc::schema::write_all(&output) {
            Ok(paths) => {
                for path in paths {
                    println!("wrote {}", path.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::New(kind) => {
            let (written, content) = match kind {
                NewKind::Procedure {
                    title,
                    field,
                    level,
                    agency,
                    code,
                    content,
                } => {
                    let p = thutuc::scaffold::NewProcedure {
                        title: &title,
                        field: &field,
                        level: &level,
                        agency: agency.as_deref(),
                        code: code.as_deref(),
                    };
                    (thutuc::scaffold::new_procedure(&content, &p), content)
                }
                NewKind::Agency {
                    name,
                    level,
                    id,
                    content,
                } => (
                    thutuc::scaffold::new_agency(&content, &name, &level, id.as_deref()),
                    content,
                ),
            };
            match written {
                Ok(path) => {
                    println!("created {}", path.display());
                    println!(
                        "fill in the fields marked …, then run: thutuc check --content {}",
                        content.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Import { source } => import(source),
        Command::Review(args) => review(args),
    }
}

/// Runs `work` with progress on stderr (when it is a terminal and not `quiet`), and
/// erases the progress line before anything else is printed.
fn with_progress<T>(quiet: bool, work: impl FnOnce(&Progress) -> T) -> T {
    let progress = Progress::stderr(quiet);
    let result = work(&progress);
    progress.clear();
    result
}

fn import(source: ImportSource) -> ExitCode {
    use thutuc::import::{Options, Source, run_with};
    let (source, inputs, target) = match source {
        ImportSource::Dvcqg { inputs, target } => (Source::Dvcqg, inputs, target),
        ImportSource::Xlsx { file, target } => (Source::Xlsx, vec![file], target),
        ImportSource::Csv { file, target } => (Source::Csv, vec![file], target),
    };
    let options = Options {
        content: target.content,
        force: target.force,
    };
    let quiet = target.quiet.quiet;
    match with_progress(quiet, |progress| {
        run_with(source, &inputs, &options, progress)
    }) {
        Ok(report) if quiet => {
            // Quiet, but files left alone and input left out still need a person.
            eprint!("{}", report.warnings());
            ExitCode::SUCCESS
        }
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

/// Exit codes: 0 done, 1 content problems or a `--fail-on` kind found, 2 usage or I/O.
fn review(args: ReviewArgs) -> ExitCode {
    use thutuc::review::{self, Kind, format};
    let usage = |message: String| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    };
    let as_of = match args
        .as_of
        .as_deref()
        .map(thutuc::catalogue::values::Date::parse)
    {
        None => review::today(),
        Some(Ok(date)) => date,
        Some(Err(e)) => return usage(format!("--as-of: {e}")),
    };
    let mut fail_on = Vec::new();
    for name in &args.fail_on {
        match Kind::parse(name) {
            Some(kind) => fail_on.push(kind),
            None => {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                return usage(format!(
                    "--fail-on: unknown kind \"{name}\"; the kinds are {}",
                    known.join(", ")
                ));
            }
        }
    }
    let catalogue = match thutuc::check(&args.content) {
        Ok(c) => c,
        Err(e) => return report(e, &args.content),
    };
    let options = review::Options {
        as_of,
        stale_months: args.stale_months,
        law_before: args.law_before,
        top: args.top,
    };
    let found = review::review(&catalogue, &options);
    let bytes = match args.format {
        ReviewFormat::Text => format::text(&found).into_bytes(),
        ReviewFormat::Html => format::html(&found).into_bytes(),
        ReviewFormat::Csv => match format::csv(&found) {
            Ok(bytes) => bytes,
            Err(e) => return usage(e.to_string()),
        },
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, &bytes).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            std::io::Write::write_all(&mut std::io::stdout(), &bytes).map_err(|e| e.to_string())
        }
    };
    if let Err(e) = written {
        return usage(e);
    }
    let failed = found.found(&fail_on);
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        let names: Vec<&str> = failed.iter().map(|k| k.name()).collect();
        eprintln!("review: found {}", names.join(", "));
        ExitCode::from(1)
    }
}

fn report(error: thutuc::Error, content: &Path) -> ExitCode {
    match error {
        thutuc::Error::Content(diagnostics) => {
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!(
                "{}",
                thutuc::content::report::render(&diagnostics, content, colour)
            );
            ExitCode::from(1)
        }
        other => {
            eprintln!("error: {other}");
            ExitCode::from(2)
        }
    }
}
