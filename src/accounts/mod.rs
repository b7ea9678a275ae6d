//! People's accounts, and the rights they hold over organisations and networks.

pub mod account;
pub mod admin;
pub mod api;
mod device;
mod fields;
mod links;
pub mod reset;
pub mod rights;
pub mod roles;
pub mod setup;
pub mod signin;
pub mod signup;
mod store;

pub use fields::MIN_PASSWORD;
pub use rights::{Right, Rights};
pub use roles::{Recipient, coordinator_recipients, editor_recipients, editors, grant_editor};
