//! Text people write, in Markdown, turned into HTML that is safe to show.

use pulldown_cmark::{Options, Parser, html};

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

#[cfg(test)]
mod tests {
    use super::to_safe_html;

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
