//! The layout a campaign's mails are poured into: a Jinja template the
//! operator may replace (a folder with `layout.html` and `layout.txt`) without
//! rebuilding, read again for each campaign.

use std::path::Path;

use anyhow::Context;
use minijinja::{Environment, Value, context};

use super::campaign::in_lang;
use crate::platform::i18n::{Lang, LocalizedText};

const BUILT_IN_HTML: &str = include_str!("../../templates/newsletter/mail/layout.html");
const BUILT_IN_TEXT: &str = include_str!("../../templates/newsletter/mail/layout.txt");

/// Stand-ins for each recipient's own links: rendered once per language and
/// replaced per message, so a campaign of any size renders its layout thrice.
/// Letters and dashes only, so HTML escaping leaves them as they are.
pub const UNSUBSCRIBE_URL: &str = "IRENE-UNSUBSCRIBE-URL";
pub const MANAGE_URL: &str = "IRENE-MANAGE-URL";

pub struct Layout {
    env: Environment<'static>,
}

/// One language's version of an issue, before the recipient's links are in.
#[derive(Clone, Debug)]
pub struct RenderedIssue {
    pub subject: String,
    pub html: String,
    pub text: String,
}

impl RenderedIssue {
    /// The HTML and text parts with one recipient's links.
    pub fn personalised(&self, unsubscribe_url: &str, manage_url: &str) -> (String, String) {
        let fill = |part: &str| part.replace(UNSUBSCRIBE_URL, unsubscribe_url).replace(MANAGE_URL, manage_url);
        (fill(&self.html), fill(&self.text))
    }
}

pub struct IssueText<'a> {
    pub lang: Lang,
    pub network: &'a str,
    pub subject: &'a str,
    pub body_markdown: &'a str,
    pub web_url: &'a str,
    /// A test send, to someone who may not subscribe: the mail says so instead of "you subscribed".
    pub test: bool,
}

impl Layout {
    /// The operator's layout from `dir` when it holds one, else the built-in one.
    pub fn load(dir: Option<&Path>) -> anyhow::Result<Layout> {
        let (html, text) = match dir {
            Some(dir) if dir.join("layout.html").exists() || dir.join("layout.txt").exists() => {
                let read = |name: &str| {
                    std::fs::read_to_string(dir.join(name))
                        .with_context(|| format!("cannot read the newsletter layout {}", dir.join(name).display()))
                };
                (read("layout.html")?, read("layout.txt")?)
            }
            _ => (BUILT_IN_HTML.to_string(), BUILT_IN_TEXT.to_string()),
        };
        let mut env = Environment::new();
        env.add_template_owned("layout.html", html).context("the HTML newsletter layout")?;
        env.add_template_owned("layout.txt", text).context("the text newsletter layout")?;
        Ok(Layout { env })
    }

    pub fn render(&self, issue: &IssueText<'_>) -> anyhow::Result<RenderedIssue> {
        let lang = issue.lang;
        let reason_key = if issue.test { "newsletter-mail-test-reason" } else { "newsletter-mail-reason" };
        let reason = lang.t_with(reason_key, &[("network", issue.network.to_string().into())]);
        let common = context! {
            lang => lang.code(),
            network => issue.network,
            subject => issue.subject,
            web_url => issue.web_url,
            unsubscribe_url => UNSUBSCRIBE_URL,
            manage_url => MANAGE_URL,
            reason => reason,
            web_label => lang.t("newsletter-mail-web"),
            manage_label => lang.t("newsletter-mail-manage"),
            unsubscribe_label => lang.t("newsletter-mail-unsubscribe"),
        };
        let body_html = crate::platform::markdown::to_safe_html(issue.body_markdown);
        let html = self
            .env
            .get_template("layout.html")?
            .render(context! { body => Value::from_safe_string(body_html), ..common.clone() })
            .context("the HTML newsletter layout")?;
        let text = self
            .env
            .get_template("layout.txt")?
            .render(context! { body => crate::platform::markdown::to_plain_text(issue.body_markdown), ..common })
            .context("the text newsletter layout")?;
        Ok(RenderedIssue { subject: issue.subject.to_string(), html, text })
    }
}

/// A campaign's texts and where it belongs, as its mails, its test sends and
/// its preview are rendered from them.
pub struct CampaignTexts<'a> {
    pub id: i64,
    pub network_slug: &'a str,
    pub network: &'a LocalizedText,
    pub subject: &'a LocalizedText,
    pub body: &'a LocalizedText,
    pub main: Lang,
}

impl CampaignTexts<'_> {
    /// The version a reader of `lang` receives, its web link in their language.
    /// The issue for readers of `lang`; a `test` send links to the campaign's preview, as the issue has no
    /// web version before it is sent.
    pub fn render(&self, layout: &Layout, public_url: &str, lang: Lang, test: bool) -> anyhow::Result<RenderedIssue> {
        let newsletter = format!("{public_url}/networks/{}/newsletter", self.network_slug);
        let web_url = if test {
            format!("{newsletter}/campaigns/{}/preview/{}", self.id, lang.code())
        } else {
            format!("{newsletter}/issues/{}?lang={}", self.id, lang.code())
        };
        layout.render(&IssueText {
            lang,
            network: self.network.get(lang),
            subject: in_lang(self.subject, lang, self.main),
            body_markdown: in_lang(self.body, lang, self.main),
            web_url: &web_url,
            test,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(lang: Lang) -> IssueText<'static> {
        IssueText {
            lang,
            network: "NGO Forum <Azerbaijan>",
            subject: "Issue 1 & more",
            body_markdown: "Hello **all**\n\n<script>x()</script>",
            web_url: "https://irene.test/networks/az/newsletter/issues/1",
            test: false,
        }
    }

    #[test]
    fn built_in_layout_escapes_and_leaves_room_for_each_recipient() {
        let rendered = Layout::load(None).unwrap().render(&issue(Lang::Ru)).unwrap();
        assert!(rendered.html.contains("lang=\"ru\""));
        assert!(rendered.html.contains("NGO Forum &lt;Azerbaijan&gt;"), "{}", rendered.html);
        assert!(rendered.html.contains("<strong>all</strong>") && !rendered.html.contains("<script"));
        assert!(rendered.text.contains("Hello all") && rendered.text.contains("Issue 1 & more"));
        let (html, text) = rendered.personalised("https://irene.test/u/1", "https://irene.test/m/1");
        assert!(html.contains("href=\"https://irene.test/u/1\"") && text.contains("https://irene.test/m/1"));
        assert!(!html.contains(UNSUBSCRIBE_URL) && !text.contains(MANAGE_URL));
    }

    #[test]
    fn the_operator_layout_replaces_the_built_in_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("layout.html"),
            "<p>{{ network }}</p>{{ body }}<a href=\"{{ unsubscribe_url }}\">x</a>",
        )
        .unwrap();
        std::fs::write(dir.path().join("layout.txt"), "OPERATOR {{ subject }}\n{{ body }}").unwrap();
        let rendered = Layout::load(Some(dir.path())).unwrap().render(&issue(Lang::En)).unwrap();
        assert!(rendered.html.starts_with("<p>NGO Forum &lt;Azerbaijan&gt;</p><p>Hello"), "{}", rendered.html);
        assert!(rendered.text.starts_with("OPERATOR Issue 1 & more"));
        std::fs::write(dir.path().join("layout.txt"), "{% if %}").unwrap();
        assert!(Layout::load(Some(dir.path())).is_err());
    }
}
