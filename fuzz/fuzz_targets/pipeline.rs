//! The whole pipeline (tag, TimeML, mentions, the timeline in every
//! format, in two orders) on up to four documents cut from any bytes;
//! see `pipeline_input` in `tests/common/invariants.rs`.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::pipeline_input(data) {
        panic!("{e}");
    }
});
