//! People's accounts, and the rights they hold over organisations and networks.

pub mod rights;
pub mod roles;
pub mod routes;

pub use rights::{Right, Rights};
pub use roles::{coordinator_addresses, editors, grant_editor};
