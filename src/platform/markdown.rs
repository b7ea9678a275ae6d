//! Text people write, in Markdown, turned into HTML that is safe to show.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown and keeps only harmless HTML (no scripts, styles, event
/// handlers or `javascript:` links), whatever the text contained.
pub fn to_safe_html(markdown: &str) -> String {
    let mut unsafe_html = String::new();
    html::push_html(
        &mut unsafe_html,
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES),
    );
    ammonia::Builder::default().link_rel(Some("nofollow noopener")).clean(&unsafe_html).to_string()
}

/// Renders Markdown as plain text for a mail's text part: paragraphs apart,
/// list items marked, each link's address written after its text, and any
/// HTML in the source left out.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<String> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = links.pop() {
                    out.push_str(&format!(" <{url}>"));
                }
            }
            Event::Start(Tag::List(first)) => lists.push(first),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                end_block(&mut out);
            }
            Event::Start(Tag::Item) => {
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(number)) => {
                        out.push_str(&format!("{number}. "));
                        *number += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::End(TagEnd::Item) if !out.ends_with('\n') => out.push('\n'),
            Event::End(TagEnd::Heading(_)) => {
                out.push('\n');
                end_block(&mut out);
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::Table) => {
                if lists.is_empty() {
                    end_block(&mut out);
                } else if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            Event::End(TagEnd::TableCell) => out.push('\t'),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => out.push('\n'),
            Event::Rule => out.push_str("----\n\n"),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

fn end_block(out: &mut String) {
    while !out.ends_with("\n\n") && !out.is_empty() {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::{to_plain_text, to_safe_html};

    #[test]
    fn plain_text_keeps_structure_and_link_addresses() {
        let text = to_plain_text(
            "# Хəbərlər\n\nRead the **report** [here](https://irene.test/r).\n\n- one\n- two\n\n1. first\n2. second\n\n<b>bold</b> end",
        );
        assert_eq!(
            text,
            "Хəbərlər\n\nRead the report here <https://irene.test/r>.\n\n- one\n- two\n\n1. first\n2. second\n\nbold end"
        );
    }

    #[test]
    fn keeps_formatting_and_drops_anything_that_runs() {
        let html = to_safe_html(
            "**Bold** [site](https://ngo.example)\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(html.contains("<strong>Bold</strong>"));
        assert!(html.contains("href=\"https://ngo.example\""));
        assert!(!html.contains("<script") && !html.contains("javascript:") && !html.contains("onerror"), "{html}");
    }
}
