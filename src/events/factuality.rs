//! Factuality cues (placeholder; see helper).
