//! Actors, places and numbers (placeholder; see helper).
