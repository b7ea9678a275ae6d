//! The portal's front page.

pub mod health;
pub mod routes;
