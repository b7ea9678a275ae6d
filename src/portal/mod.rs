//! The portal's front page, and the API's reference as one of its pages.

pub mod api_reference;
pub mod health;
pub mod routes;
