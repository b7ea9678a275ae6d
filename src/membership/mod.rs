//! Organisations joining networks, and people claiming organisations' profiles.

pub mod api;
pub mod departures;
pub mod editors;
pub mod routes;
pub mod verification;
