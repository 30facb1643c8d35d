//! Loading work that can run on a second core: the typo index beside the postings,
//! the general word table beside the whole index. Where no thread can be started
//! (a process at its thread limit, a sandbox), the same work runs here, in turn.

use std::thread::Builder;

/// Runs `side` on a new thread (started by `thread`) while `here` runs on this one,
/// and returns both results. If the thread cannot be started, runs `side` here first,
/// then `here`: the results are the same, only slower. A panic in `side` is resumed
/// here.
pub(crate) fn beside<A: Send, B>(
    thread: Builder,
    side: &(impl Fn() -> A + Sync),
    here: impl FnOnce() -> B,
) -> (A, B) {
    std::thread::scope(|s| match thread.spawn_scoped(s, side) {
        Ok(handle) => {
            let b = here();
            let a = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (a, b)
        }
        Err(_) => (side(), here()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A thread no machine can start: its stack would be 4 EiB.
    fn impossible() -> Builder {
        Builder::new().stack_size(1 << 62)
    }

    #[test]
    fn both_run_whether_or_not_a_thread_starts() {
        assert!(
            impossible().spawn(|| ()).is_err(),
            "the test needs a thread that cannot start"
        );
        for thread in [Builder::new(), impossible()] {
            let runs = AtomicUsize::new(0);
            let side = || runs.fetch_add(1, Ordering::SeqCst) + 40;
            let (a, b) = beside(thread, &side, || "here");
            assert_eq!((a, b), (40, "here"));
            assert_eq!(runs.load(Ordering::SeqCst), 1, "the side work ran once");
        }
    }

    #[test]
    #[should_panic(expected = "side failed")]
    fn a_panic_on_the_side_reaches_the_caller() {
        beside(Builder::new(), &|| panic!("side failed"), || ());
    }
}
