//! Watching the content folder: a burst of file events (an editor's save
//! is often several) becomes one rebuild once the folder is quiet.

use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::{print_problems, Preview};

/// The folder must be quiet this long before a rebuild starts.
const QUIET: Duration = Duration::from_millis(60);

/// Starts watching on a thread of its own; rebuilds until the process ends.
pub fn spawn(preview: Arc<Preview>) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !matches!(event.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(());
            }
        }
    })
    .map_err(|e| format!("cannot watch {}: {e}", preview.content.display()))?;
    watcher
        .watch(&preview.content, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", preview.content.display()))?;
    std::thread::spawn(move || {
        let _watcher = watcher; // lives as long as the loop
        while rx.recv().is_ok() {
            // Coalesce the burst.
            while rx.recv_timeout(QUIET).is_ok() {}
            let started = Instant::now();
            match preview.rebuild(false) {
                Ok(()) => eprintln!("rebuilt in {} ms", started.elapsed().as_millis()),
                Err(problems) => print_problems(&problems),
            }
        }
    });
    Ok(())
}
