//! The entity recogniser: a sequence tagger for people, places and
//! organisations, its features, its embedded model, training and evaluation.
