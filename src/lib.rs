//! # Overview
//!
//! `timeline` turns news articles into one dated timeline. This crate
//! holds the whole pipeline; the `timeline` binary is a thin CLI over it.

pub mod document;
pub mod error;
pub mod eval;
pub mod output;
pub mod timex;

pub use document::{DctSource, Document};
pub use error::Error;
pub use timex::{Timex, TimexType, Value};
