//! The portal's front page.

pub mod routes;
