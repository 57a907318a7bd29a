//! The batch's progress on stderr: a bar on a terminal, a plain line every 5 seconds otherwise
//! (a log file, a CI job), in the batch's language.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Instant;
use xxgk::model::{Lang, Text};

/// Draws the progress of one batch run.
#[derive(Debug)]
pub(crate) enum Progress {
    Bar(indicatif::ProgressBar),
    /// Inputs written and when the last line was printed.
    Lines(Mutex<Instant>, Lang),
}

impl Progress {
    /// A bar when stderr is a terminal, periodic lines otherwise.
    pub(crate) fn new(lang: Lang) -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress::Lines(Mutex::new(Instant::now()), lang);
        }
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template(Text::ProgressBar.get(lang)) {
            bar.set_style(style);
        }
        Progress::Bar(bar)
    }
}

impl xxgk_batch::Progress for Progress {
    fn advance(&self, done: usize, total: usize) {
        match self {
            Progress::Bar(bar) => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            }
            Progress::Lines(last, lang) => {
                if let Ok(mut last) = last.lock() {
                    if last.elapsed().as_secs() >= 5 {
                        eprintln!("{}", Text::ProgressLine.fill(*lang, &[&done, &total]));
                        *last = Instant::now();
                    }
                }
            }
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
