//! The .jsonl reader on any bytes (the first byte's low bit asks for lossy
//! decoding); the checks are those of `tests/common/invariants.rs`.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::reader_input("jsonl", data) {
        panic!("{e}");
    }
});
