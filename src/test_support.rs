//! Helpers shared by the unit tests of several modules.

/// A xorshift64 generator: reproducible pseudo-random numbers for the
/// property tests (random texts, streams, decimals) without a dependency.
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// A text of fewer than `max` pieces drawn from `pieces` (its length drawn
/// first, then each piece).
pub(crate) fn random_text(next: &mut impl FnMut() -> u64, pieces: &[&str], max: u64) -> String {
    let n = next() % max;
    (0..n)
        .map(|_| pieces[(next() % pieces.len() as u64) as usize])
        .collect()
}
