//! Ctrl-C (SIGINT) or a kill (SIGTERM) during `render` or `timelapse`: the
//! first one asks the export to stop after the frame it is drawing, so it
//! can remove its partial file and exit with 128 + the signal's number; a
//! second one ends the process at once (what it leaves is removed by the
//! next export of that name, see [`super::partials`]).
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static ASKED: AtomicBool = AtomicBool::new(false);
static SIGNAL: AtomicUsize = AtomicUsize::new(0);

const SIGNALS: [i32; 2] = [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM];

/// Installs the handlers (once per process; later calls do nothing).
pub fn install() -> Result<(), String> {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    for sig in SIGNALS {
        // The shutdown goes first: it acts only once ASKED is already set.
        signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, &ASKED)
            .and_then(|_| signal_hook::flag::register_usize(sig, &SIGNAL, sig as usize))
            .and_then(|_| signal_hook::flag::register(sig, &ASKED))
            .map_err(|e| format!("cannot handle signal {sig}: {e}"))?;
    }
    Ok(())
}

/// The signal that asked to stop, if one did.
pub fn asked() -> Option<i32> {
    ASKED
        .load(Ordering::SeqCst)
        .then(|| SIGNAL.load(Ordering::SeqCst) as i32)
}

/// The signal's name as a user knows it, and the exit status a stopped
/// export gives (130 for Ctrl-C, 143 for SIGTERM, as a shell reports a
/// process the signal ended).
pub fn described(sig: i32) -> (&'static str, u8) {
    let name = match sig {
        signal_hook::consts::SIGINT => "SIGINT (Ctrl-C)",
        signal_hook::consts::SIGTERM => "SIGTERM",
        _ => "a signal",
    };
    (name, u8::try_from(128 + sig).unwrap_or(1))
}
