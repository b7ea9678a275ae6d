//! The directory of organisations: profiles, search and the search index.

pub mod api;
pub mod edit;
pub mod import;
pub mod model;
pub mod people;
pub mod people_api;
pub mod queries;
pub mod routes;
pub mod schema;
pub mod search;
pub mod upload;
