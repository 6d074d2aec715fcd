//! One article as Markdown, the shape `dossier export --format md`, `show
//! --format md` and the reader's pipe all give: `# Title`, a line of date,
//! source, author and address, then the clean body a paragraph at a time.
//! Every piece passes the sanitiser, so the text is as safe on a terminal
//! as in a file.

use super::Article;
use crate::text::sanitize;

/// The article as Markdown, ending with one newline.
pub fn article_markdown(a: &Article) -> String {
    let title = a.whole_title();
    let title = if title.trim().is_empty() {
        "(untitled)".into()
    } else {
        sanitize(&title).into_owned()
    };
    let mut out = format!("# {title}\n");
    let mut meta: Vec<String> = Vec::new();
    if let Some(d) = a.date {
        meta.push(d.to_string());
    }
    for field in [&a.source, &a.author].into_iter().flatten() {
        meta.push(sanitize(field).into_owned());
    }
    if let Some(url) = a.url() {
        meta.push(format!("<{url}>"));
    }
    if !meta.is_empty() {
        out.push('\n');
        out.push_str(&meta.join(" · "));
        out.push('\n');
    }
    let body = a.body.read();
    for paragraph in super::paragraphs(&body) {
        out.push('\n');
        out.push_str(&sanitize(paragraph));
        out.push('\n');
    }
    out
}

/// `[Title](URL)`, with the brackets a title holds escaped.
pub fn markdown_link(title: &str, url: &str) -> String {
    let mut text = String::new();
    for c in sanitize(title).chars() {
        if matches!(c, '[' | ']' | '\\') {
            text.push('\\');
        }
        text.push(c);
    }
    format!("[{text}]({url})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::json::parse_json;

    #[test]
    fn title_then_details_then_the_body() {
        let parsed = parse_json(
            "f",
            "f.json",
            r#"[{"id": "a", "title": "Talks resume", "date": "2025-03-14", "author": "Ana Pereira",
                 "source": "Example Wire", "url": "https://example.com/talks",
                 "body": "First paragraph.\n\nSecond paragraph."}]"#,
        )
        .unwrap();
        assert_eq!(
            article_markdown(&parsed.articles[0]),
            "# Talks resume\n\n2025-03-14 · Example Wire · Ana Pereira · <https://example.com/talks>\n\n\
             First paragraph.\n\nSecond paragraph.\n"
        );
        assert_eq!(
            markdown_link("A [bracketed] title", "https://example.com/a"),
            "[A \\[bracketed\\] title](https://example.com/a)"
        );
    }
}
