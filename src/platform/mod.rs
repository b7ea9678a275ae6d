//! Plumbing shared by every capability; it knows nothing of them.

pub mod clock;
pub mod db;
pub mod i18n;
pub mod migrate;
pub mod search;
pub mod values;
pub mod web;
