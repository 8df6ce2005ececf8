//! Placeholder (owned by the pdflayout helper): empty so that the tree compiles.
