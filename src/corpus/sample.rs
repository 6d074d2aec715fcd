//! The sample corpus shipped inside the binary (the files of `assets/corpus/`).

include!(concat!(env!("OUT_DIR"), "/sample.rs"));
