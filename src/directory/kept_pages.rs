//! Organisation pages as the public reads them, kept rendered.
//!
//! The organisation page is the directory's most read page and takes nine statements to read. Kept rendered,
//! it costs none. A kept page is forgotten:
//! - when anything is written through this instance by someone signed in or holding a token, whatever table it
//!   was in, so whoever changes something sees the change at once (the public's own posts, such as signing in or
//!   registering for an event, change nothing a page shows);
//! - when the search outbox names its organisation, so a change made through another instance shows within the
//!   index's follow loop, as it does in search results;
//! - when the themes or networks change, since every page names some;
//! - at the latest [`MAX_AGE`] after it was rendered, for what the outbox does not follow (events,
//!   commitments and library items of the organisation changed through another instance) and for what time
//!   changes (a verification running out). Each page's age is drawn between three quarters of it and all of it,
//!   so that pages rendered together, after a start or after all were forgotten, are not all read again at once.
//!
//! A page rendered while pages were being forgotten is not kept, so that a reader who read the database before
//! a change cannot keep the page from before it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use quick_cache::Weighter;
use quick_cache::sync::Cache;

use crate::platform::auth::carries_credentials;
use crate::platform::i18n::Lang;
use crate::state::AppState;

/// The longest a page is served as it was rendered.
pub const MAX_AGE: Duration = Duration::from_secs(10);

/// The most the kept pages take together, in bytes of HTML.
const CAPACITY_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Clone)]
struct KeptPage {
    organization_id: i64,
    html: Bytes,
    expires_at: Instant,
}

#[derive(Clone)]
struct HtmlLength;

impl Weighter<(String, Lang), KeptPage> for HtmlLength {
    fn weight(&self, _: &(String, Lang), page: &KeptPage) -> u64 {
        page.html.len() as u64
    }
}

/// The rendered pages of this instance, by organisation slug and language.
pub struct KeptPages {
    pages: Cache<(String, Lang), KeptPage, HtmlLength>,
    /// Moves on each time pages are forgotten.
    generation: AtomicU64,
}

/// Taken before a page's data is read, and handed back with the rendered page to keep it.
#[must_use]
pub struct Ticket(u64);

impl Default for KeptPages {
    fn default() -> KeptPages {
        KeptPages { pages: Cache::with_weighter(2_000, CAPACITY_BYTES, HtmlLength), generation: AtomicU64::new(0) }
    }
}

impl KeptPages {
    /// The page of the organisation with this slug in this language, if one rendered recently is kept.
    pub fn get(&self, slug: &str, lang: Lang) -> Option<Bytes> {
        let key = (slug.to_string(), lang);
        let page = self.pages.get(&key)?;
        if Instant::now() < page.expires_at {
            Some(page.html)
        } else {
            self.pages.remove(&key);
            None
        }
    }

    /// To take before reading what a page shows.
    pub fn ticket(&self) -> Ticket {
        Ticket(self.generation.load(Ordering::Acquire))
    }

    /// Keeps a page rendered from data read after `ticket` was taken, unless pages were forgotten since.
    pub fn keep(&self, ticket: Ticket, slug: &str, lang: Lang, organization_id: i64, html: Bytes) {
        if self.generation.load(Ordering::Acquire) != ticket.0 {
            return;
        }
        let key = (slug.to_string(), lang);
        let expires_at = Instant::now() + MAX_AGE.mul_f64(0.75 + 0.25 * fastrand::f64());
        self.pages.insert(key.clone(), KeptPage { organization_id, html, expires_at });
        // Pages forgotten between the check above and the insertion may not have seen this one.
        if self.generation.load(Ordering::Acquire) != ticket.0 {
            self.pages.remove(&key);
        }
    }

    /// Forgets the pages of these organisations.
    pub fn forget_organizations(&self, ids: &[i64]) {
        if ids.is_empty() {
            return;
        }
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.pages.retain(|_, page| !ids.contains(&page.organization_id));
    }

    /// Forgets every page.
    pub fn forget_all(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.pages.clear();
    }
}

/// Forgets this instance's kept pages once a request that may have written anything has been answered.
pub async fn forget_after_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let writes = !request.method().is_safe() && carries_credentials(request.headers());
    let response = next.run(request).await;
    if writes {
        state.search.pages.forget_all();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &'static str) -> Bytes {
        Bytes::from_static(text.as_bytes())
    }

    #[test]
    fn a_kept_page_is_served_in_its_language_until_its_organisation_changes() {
        let pages = KeptPages::default();
        pages.keep(pages.ticket(), "ngo-a", Lang::En, 1, html("A in English"));
        pages.keep(pages.ticket(), "ngo-b", Lang::En, 2, html("B in English"));
        assert_eq!(pages.get("ngo-a", Lang::En), Some(html("A in English")));
        assert_eq!(pages.get("ngo-a", Lang::Ru), None, "each language is a page of its own");
        pages.forget_organizations(&[1]);
        assert_eq!(pages.get("ngo-a", Lang::En), None);
        assert_eq!(pages.get("ngo-b", Lang::En), Some(html("B in English")), "other organisations' pages stay");
        pages.forget_all();
        assert_eq!(pages.get("ngo-b", Lang::En), None);
    }

    #[test]
    fn a_page_read_before_pages_were_forgotten_is_not_kept() {
        let pages = KeptPages::default();
        let ticket = pages.ticket();
        pages.forget_organizations(&[7]);
        pages.keep(ticket, "ngo-a", Lang::En, 1, html("read before the change"));
        assert_eq!(pages.get("ngo-a", Lang::En), None);
        pages.keep(pages.ticket(), "ngo-a", Lang::En, 1, html("read after it"));
        assert_eq!(pages.get("ngo-a", Lang::En), Some(html("read after it")));
    }

    #[test]
    fn a_page_past_its_age_is_not_served() {
        let pages = KeptPages::default();
        let key = ("ngo-a".to_string(), Lang::En);
        pages.pages.insert(key, KeptPage { organization_id: 1, html: html("old"), expires_at: Instant::now() });
        assert_eq!(pages.get("ngo-a", Lang::En), None);
    }

    #[test]
    fn each_page_is_kept_between_three_quarters_of_the_maximum_age_and_all_of_it() {
        let pages = KeptPages::default();
        let before = Instant::now();
        let slugs: Vec<String> = (0..200).map(|n| format!("ngo-{n}")).collect();
        for (id, slug) in slugs.iter().enumerate() {
            pages.keep(pages.ticket(), slug, Lang::En, id as i64, html("page"));
        }
        let after = Instant::now();
        let ages: Vec<Duration> = slugs
            .iter()
            .map(|slug| pages.pages.get(&(slug.clone(), Lang::En)).expect("kept").expires_at - before)
            .collect();
        assert!(ages.iter().all(|age| *age >= MAX_AGE.mul_f64(0.75) && *age <= MAX_AGE + (after - before)));
        let (shortest, longest) = (ages.iter().min().unwrap(), ages.iter().max().unwrap());
        assert!(*longest - *shortest > MAX_AGE / 8, "the ages are spread: {shortest:?} to {longest:?}");
    }
}
