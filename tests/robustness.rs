//! Odd input never panics: every text entry point (cleaning, JSON records,
//! the query parser, the filter, date and entity extraction, alias
//! resolution, the reader's layout) is fed generated text full of control
//! characters, combining marks, wide characters, stray quotes and
//! furniture-like lines.

use dossier::corpus::{Corpus, json::parse_json, plain::parse_text};
use dossier::extract::dates::find_dates;
use dossier::extract::recognise_entities;
use dossier::index::parse_query;
use dossier::library::Library;
use dossier::tui::app::App;
use dossier::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn text(&mut self, pieces: usize) -> String {
        const PIECES: &[&str] = &[
            "Putin",
            "Zelenskiy's",
            "U.S.",
            "Trumps",
            "MOSCOW",
            "date 2025-04-11",
            "4 min read",
            "Share",
            "718 Views",
            "\n",
            "\n\n",
            " ",
            "  ",
            "\t",
            "\u{1b}[31m",
            "\u{7}",
            "\u{0}",
            "\r\n",
            "é",
            "e\u{301}",
            "東京",
            "👍🏽",
            "\u{202e}",
            "\"",
            "“",
            "’s",
            "-",
            "--",
            ":",
            "person:",
            "date:",
            "..",
            "2025-13-45",
            "Sept. 2",
            "last week",
            "on Friday",
            "February 2022",
            "12:30",
            "$50",
            "19%",
            "115,600",
            "(Reuters)",
            "– Reuters",
            "By Jane Doe",
            "Author:",
            "2 minutes ago",
            "WORLD",
            "Mr.",
            "...",
            "\u{feff}",
            "\u{ad}",
            "İ",
            "ß",
            "ǅ",
            "a",
            "The",
            "said",
            ".",
            ",",
            "?",
            "!",
            "SANTIAGO 1996-12-05",
            "&lt;",
            "&#5;",
        ];
        (0..pieces).map(|_| self.pick(PIECES)).collect()
    }
}

#[test]
fn cleaning_extraction_and_queries_survive_odd_text() {
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let text = g.text(1 + round % 60);
        let article = parse_text("x", "x.txt", &text);
        assert!(
            article
                .body
                .as_str()
                .is_char_boundary(article.body.as_str().len())
        );
        for m in find_dates(article.body.as_str(), None) {
            assert!(
                article.body.as_str().is_char_boundary(m.start)
                    && article.body.as_str().is_char_boundary(m.end)
            );
        }
        for m in recognise_entities(article.body.as_str()) {
            assert_eq!(article.body.as_str()[m.start..m.end], m.text);
        }
        let _ = parse_query(&text);
        let json = serde_json::json!([{"title": text, "body": text, "date": text}]).to_string();
        let _ = parse_json("x", "x.json", &json);
    }
}

#[test]
fn a_corpus_of_odd_articles_indexes_filters_and_draws() {
    let mut g = Gen(42);
    let articles = (0..40)
        .map(|i| parse_text(&format!("a{i}"), "gen.txt", &g.text(5 + i * 3)))
        .collect();
    let lib = Arc::new(Library::new(Corpus {
        articles,
        files: Vec::new(),
    }));
    let _ = lib.related_index();
    for _ in 0..60 {
        let q = g.text(3);
        let _ = lib.query(&q);
    }
    let mut app = App::new(Arc::clone(&lib));
    app.theme = Theme::plain();
    for (w, h) in [(80, 24), (33, 9), (120, 40)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        for i in 0..lib.articles().len() {
            app.select(i);
            dossier::tui::render(&mut t, &mut app).expect("draws");
            let buf = t.backend().buffer();
            assert!(
                buf.content()
                    .iter()
                    .all(|c| !c.symbol().chars().any(|ch| ch.is_control()))
            );
        }
    }
}
