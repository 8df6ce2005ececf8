//! Parallel work inside one document. A batch spreads its files over the
//! cores (rayon, in the CLI), but one long document ran on one core while
//! the others idled: its pages are laid out, its text normalized and its
//! entities extracted on rayon's pool when the document is large enough.
//!
//! Below the thresholds everything runs on the calling thread, without
//! touching the pool: a short document gains less than handing work to
//! another thread costs, and in a batch of small files every core is
//! already busy with a file of its own.
//!
//! Results never depend on the split: each parallel part is a pure
//! function of its inputs, and its results are put back in document order.

/// Pages from which a PDF's pages are laid out on the pool while the
/// interpreter runs.
pub(crate) const MIN_PAGES: usize = 24;

/// Bytes of normalized text from which independent extractors run at once.
pub(crate) const MIN_TEXT: usize = 64 * 1024;

/// `(a(), b())`, the two run at once on the pool when `parallel`.
pub(crate) fn join<A, B, RA, RB>(parallel: bool, a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    if parallel {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// Runs `op` on this thread with a scope of the pool to spawn work into
/// when `parallel` (`None` otherwise: the pool is not even started), and
/// returns once every job spawned there is done.
pub(crate) fn scope<'s, R>(parallel: bool, op: impl FnOnce(Option<&rayon::Scope<'s>>) -> R) -> R {
    // On a pool of one thread (a batch's runner when every core has a
    // worker), the jobs would wait for the end of `op`: the pages' glyphs
    // would pile up instead of being laid out as they come.
    if parallel && rayon::current_num_threads() > 1 {
        rayon::in_place_scope(|s| op(Some(s)))
    } else {
        op(None)
    }
}

/// `items` mapped by `f`, in order; on the pool when `parallel`.
pub(crate) fn map<T, R>(parallel: bool, items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R>
where
    T: Send,
    R: Send,
{
    if parallel {
        use rayon::prelude::*;
        items.into_par_iter().map(f).collect()
    } else {
        items.into_iter().map(f).collect()
    }
}
