//! People's accounts, and the rights they hold over organisations and networks.

pub mod roles;
pub mod routes;
