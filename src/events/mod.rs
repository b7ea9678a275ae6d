//! Events of a network or a theme (workshops, conferences, country-team meetings, field visits, official
//! meetings, webinars): their pages and programme, registration with a waiting list, confirmations mailed with
//! the event as iCalendar, feeds, and a conference's call for contributions.

pub mod api;
pub mod calendar;
pub mod call;
pub mod documents;
mod form_pages;
pub mod model;
pub mod outbox;
pub mod outputs;
pub mod pages;
pub mod persons_met;
pub mod programme;
pub mod questions;
pub mod registration;
pub mod schema;
pub mod store;

pub use programme::load_demo_programme;
pub use store::{EventSummary, of_network, of_organization, of_theme};
