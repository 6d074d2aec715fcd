//! Names extraction with a progress bar on standard error when it is a
//! terminal; nothing extra when it is not (a pipe, a file, a test).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::extract::entities::EntityTable;
use crate::library::Library;

/// How long extraction may run before a bar appears: a warm open is done
/// before it would have been worth drawing.
const QUIET_FOR: Duration = Duration::from_millis(400);
const TICK: Duration = Duration::from_millis(100);

/// The library's entity table, built with a progress bar when stderr is a
/// terminal; what the store had to say meanwhile goes to `err`.
pub fn names<'a>(lib: &'a Library, err: &mut dyn Write) -> &'a EntityTable {
    let table = if lib.entities_if_ready().is_some() || !std::io::stderr().is_terminal() {
        lib.entities()
    } else {
        let finished = AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| watch(lib, &finished));
            let table = lib.entities();
            finished.store(true, Ordering::Relaxed);
            table
        })
    };
    for line in lib.store_warnings() {
        // A message that cannot be written has nowhere else to go.
        let _ = writeln!(err, "{}", crate::text::sanitize(&line));
    }
    table
}

fn watch(lib: &Library, finished: &AtomicBool) {
    let mut waited = Duration::ZERO;
    while waited < QUIET_FOR {
        if finished.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(TICK);
        waited += TICK;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("names {pos}/{len} {wide_bar} {percent}% · about {eta} left")
    {
        bar.set_style(style);
    }
    while !finished.load(Ordering::Relaxed) {
        let (done, total) = lib.names_progress();
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        std::thread::sleep(TICK);
    }
    bar.finish_and_clear();
}
