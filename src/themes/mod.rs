//! Themes: the subjects focal points work on, mapped to MDGs and SDGs.

pub mod api;
pub mod edit;
pub mod queries;
pub mod routes;

pub use queries::all as all_themes;
