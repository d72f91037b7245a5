//! Trigger lexicon (placeholder; see helper).
