//! Progress of long work, for a person watching a terminal: one line on stderr, redrawn
//! in place (`rendering pages 4,213/12,574`) and erased when the work is over.
//!
//! The library never prints. [`build_with`](crate::build::build_with), [`check_with`](crate::build::check_with)
//! and [`import::run_with`](crate::import::run_with) take a `&Progress`; only the command line
//! makes a visible one ([`Progress::stderr`]), and only when stderr is a terminal that can
//! redraw a line and `--quiet` is not given. Everyone else (tests, `serve`, piped output)
//! gets [`Progress::hidden`], which does nothing.
//!
//! Items are counted from rayon's worker threads, so counting must cost nothing next to the
//! work: a tick is an atomic add and a clock read, and only the one thread that wins the
//! [`Throttle`] takes the lock and draws, at most ten times a second.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// How often the line may be redrawn: ten times a second looks live and costs nothing.
pub const REDRAW_EVERY_MS: u64 = 100;

/// Back to the start of the line and erase it (ANSI "erase in line").
const ERASE: &str = "\r\x1b[2K";

/// Where progress goes: nowhere, or a terminal.
pub struct Progress(Option<Line>);

struct Line {
    started: Instant,
    throttle: Throttle,
    done: AtomicUsize,
    /// How many items the current step has; 0 when it is not counted.
    total: AtomicUsize,
    screen: Mutex<Screen>,
}

struct Screen {
    out: Box<dyn Write + Send>,
    step: String,
    /// Whether a line is on the screen, to be erased.
    shown: bool,
}

impl Progress {
    /// Progress that shows nothing.
    pub fn hidden() -> Progress {
        Progress(None)
    }

    /// Progress drawn on `out`, which must be a terminal (or a test standing in for one).
    pub fn terminal(out: impl Write + Send + 'static) -> Progress {
        Progress::redrawn_every(REDRAW_EVERY_MS, out)
    }

    fn redrawn_every(every_ms: u64, out: impl Write + Send + 'static) -> Progress {
        Progress(Some(Line {
            started: Instant::now(),
            throttle: Throttle::new(every_ms),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            screen: Mutex::new(Screen {
                out: Box::new(out),
                step: String::new(),
                shown: false,
            }),
        }))
    }

    /// Progress on stderr when a person is watching it, hidden otherwise.
    pub fn stderr(quiet: bool) -> Progress {
        let term = std::env::var("TERM").ok();
        if shows(quiet, std::io::stderr().is_terminal(), term.as_deref()) {
            Progress::terminal(std::io::stderr())
        } else {
            Progress::hidden()
        }
    }

    /// Starts a step that is not counted: `copying forms`.
    pub fn step(&self, name: &str) {
        self.start(name, 0);
    }

    /// Starts a step of `total` items, each reported by [`tick`](Self::tick).
    pub fn counted(&self, name: &str, total: usize) {
        self.start(name, total);
    }

    /// One item of the current step is done. Callable from any thread.
    pub fn tick(&self) {
        if let Some(line) = &self.0 {
            line.done.fetch_add(1, Relaxed);
            if line.throttle.due(line.now_ms()) {
                line.draw();
            }
        }
    }

    /// Erases the line; the next output starts on a clean line.
    pub fn clear(&self) {
        if let Some(line) = &self.0 {
            let mut screen = line.lock();
            if screen.shown {
                screen.shown = false;
                let _ = screen.out.write_all(ERASE.as_bytes());
                let _ = screen.out.flush();
            }
        }
    }

    fn start(&self, name: &str, total: usize) {
        if let Some(line) = &self.0 {
            line.done.store(0, Relaxed);
            line.total.store(total, Relaxed);
            line.lock().step = name.to_string();
            line.throttle.delay(line.now_ms());
            line.draw();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

impl Line {
    fn now_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The lock, even if a thread panicked while drawing: the screen is only text.
    fn lock(&self) -> std::sync::MutexGuard<'_, Screen> {
        self.screen.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn draw(&self) {
        let mut screen = self.lock();
        let text = line_text(
            &screen.step,
            self.done.load(Relaxed),
            self.total.load(Relaxed),
        );
        // One write per redraw, so the terminal never shows half a line.
        let bytes = format!("{ERASE}{text}");
        screen.shown = true;
        let _ = screen.out.write_all(bytes.as_bytes());
        let _ = screen.out.flush();
    }
}

/// Whether progress is shown: not asked to be quiet, stderr is a terminal, and the terminal
/// can go back and erase a line (`TERM=dumb` cannot). The line has no colour, so `NO_COLOR`
/// does not hide it.
pub fn shows(quiet: bool, stderr_is_terminal: bool, term: Option<&str>) -> bool {
    !quiet && stderr_is_terminal && term != Some("dumb")
}

/// The text of the line: `rendering pages 4,213/12,574`, or the step's name alone.
pub fn line_text(step: &str, done: usize, total: usize) -> String {
    if total == 0 {
        step.to_string()
    } else {
        format!("{step} {}/{}", thousands(done.min(total)), thousands(total))
    }
}

/// `12574` → `12,574`.
pub fn thousands(n: usize) -> String {
    crate::text::group_digits(n as u64, ",")
}

/// Lets one caller through every `every_ms` milliseconds, whichever thread asks, without a
/// lock: the caller that moves `next` on is the one that draws.
pub struct Throttle {
    every_ms: u64,
    /// The first time (in ms) at which the next caller may pass.
    next: AtomicU64,
}

impl Throttle {
    pub fn new(every_ms: u64) -> Throttle {
        Throttle {
            every_ms,
            next: AtomicU64::new(0),
        }
    }

    /// True for the one caller that may draw at `now_ms`.
    pub fn due(&self, now_ms: u64) -> bool {
        let next = self.next.load(Relaxed);
        now_ms >= next
            && self
                .next
                .compare_exchange(next, now_ms + self.every_ms, Relaxed, Relaxed)
                .is_ok()
    }

    /// Something was drawn at `now_ms` anyway: the next draw waits a full interval.
    pub fn delay(&self, now_ms: u64) {
        self.next.store(now_ms + self.every_ms, Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A terminal that keeps what it was sent.
    #[derive(Clone, Default)]
    struct FakeTerminal(Arc<Mutex<Vec<u8>>>);

    impl Write for FakeTerminal {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl FakeTerminal {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn formats_counts() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(12_574), "12,574");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(
            line_text("rendering pages", 4213, 12_574),
            "rendering pages 4,213/12,574"
        );
        assert_eq!(line_text("copying forms", 0, 0), "copying forms");
        assert_eq!(line_text("x", 7, 5), "x 5/5", "never more than the total");
    }

    #[test]
    fn throttle_lets_one_caller_through_per_interval() {
        let t = Throttle::new(100);
        assert!(t.due(0));
        assert!(!t.due(0), "a second caller at the same time waits");
        assert!(!t.due(99));
        assert!(t.due(100));
        assert!(!t.due(150));
        assert!(t.due(1000), "a long pause: the next caller passes at once");
        assert!(!t.due(1099));
        t.delay(2000);
        assert!(!t.due(2050), "a step that just drew delays the next draw");
        assert!(t.due(2100));
    }

    #[test]
    fn throttle_across_threads() {
        // Many threads asking at the same moment: exactly one draws.
        let t = Throttle::new(100);
        let passed = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..1000 {
                        if t.due(500) {
                            passed.fetch_add(1, Relaxed);
                        }
                    }
                });
            }
        });
        assert_eq!(passed.load(Relaxed), 1);
    }

    #[test]
    fn only_a_terminal_that_can_redraw_shows_it() {
        assert!(shows(false, true, Some("xterm-256color")));
        assert!(shows(false, true, None));
        assert!(!shows(true, true, Some("xterm")), "--quiet");
        assert!(!shows(false, false, Some("xterm")), "piped");
        assert!(!shows(false, true, Some("dumb")));
    }

    #[test]
    fn draws_steps_in_place_and_erases_at_the_end() {
        // An interval no test outlasts: only step changes draw.
        let term = FakeTerminal::default();
        let progress = Progress::redrawn_every(3_600_000, term.clone());
        progress.step("copying forms");
        progress.counted("rendering pages", 3);
        progress.tick();
        progress.tick();
        progress.tick();
        progress.clear();
        progress.clear();
        assert_eq!(
            term.text(),
            "\r\x1b[2Kcopying forms\r\x1b[2Krendering pages 0/3\r\x1b[2K",
            "one line redrawn in place, erased once"
        );
    }

    #[test]
    fn ticks_draw_the_count_so_far() {
        // No interval: every tick draws.
        let term = FakeTerminal::default();
        let progress = Progress::redrawn_every(0, term.clone());
        progress.counted("writing procedures", 12_574);
        progress.tick();
        progress.tick();
        drop(progress);
        assert_eq!(
            term.text(),
            "\r\x1b[2Kwriting procedures 0/12,574\r\x1b[2Kwriting procedures 1/12,574\
             \r\x1b[2Kwriting procedures 2/12,574\r\x1b[2K",
            "erased when dropped"
        );
        assert!(!term.text().contains('\n'), "never a new line");
    }
}
