//! Organisations joining networks, and people claiming organisations' profiles.

pub mod routes;
