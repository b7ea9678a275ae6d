//! Networks of organisations: global, regional and national, with their
//! coordinators, thematic focal points and members.

pub mod api;
pub mod edit;
pub mod launch;
pub mod queries;
pub mod routes;
pub mod schema;

pub use queries::{Member, NetworkSummary, all as all_networks};
