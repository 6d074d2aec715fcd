//! Related reports and near-duplicate groups over the corpus.
