//! The extraction version: a hash of everything that decides what the
//! recogniser finds in a body: the dossier program itself (its rules are
//! code), the embedded model and the name lists. Stored results carry it, so
//! a new dossier re-extracts instead of trusting an old one's results.

use std::sync::OnceLock;

/// Bumped whenever the recogniser's rules, or the cleaner whose output it
/// reads, change what an article yields: the one guard left when the
/// program's own bytes cannot be read.
pub const RULES_VERSION: u32 = 2;

/// The embedded data the recogniser reads.
const INPUTS: [&[u8]; 9] = [
    include_bytes!("../../assets/ner/model.bin"),
    include_bytes!("../../assets/ner/cities.txt"),
    include_bytes!("../../assets/ner/common_words.txt"),
    include_bytes!("../../assets/ner/countries.txt"),
    include_bytes!("../../assets/ner/first_names.txt"),
    include_bytes!("../../assets/ner/nationalities.txt"),
    include_bytes!("../../assets/ner/org_words.txt"),
    include_bytes!("../../assets/ner/organisations.txt"),
    include_bytes!("../../assets/ner/roles.txt"),
];

static VERSION: OnceLock<[u8; 32]> = OnceLock::new();

/// Whether the version is worked out already.
pub(super) fn known() -> bool {
    VERSION.get().is_some()
}

/// The version as it was worked out before for this very program file
/// (see `Session::recall_version`): not worked out again.
pub(super) fn recall(version: [u8; 32]) {
    let _ = VERSION.set(version);
}

/// The version stored results are keyed by.
pub fn extraction_version() -> [u8; 32] {
    *VERSION.get_or_init(|| {
        let mut h = blake3::Hasher::new();
        h.update(&RULES_VERSION.to_le_bytes());
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        for input in INPUTS {
            // Lengths first, so moving bytes between inputs changes the hash.
            h.update(&(input.len() as u64).to_le_bytes());
            h.update(input);
        }
        // Any change to the rules is a change to the program: a rebuilt
        // dossier re-extracts. Read in pieces, once per run.
        if let Ok(exe) = std::env::current_exe()
            && let Ok(file) = std::fs::File::open(exe)
        {
            let _ = h.update_reader(std::io::BufReader::with_capacity(1 << 16, file));
        }
        *h.finalize().as_bytes()
    })
}
