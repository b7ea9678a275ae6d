//! IRENE: a platform for networks of non-governmental organisations.
//!
//! `platform` is the shared plumbing (database, search, languages, web); each
//! other module is one capability with its own queries, routes and templates.

pub mod accounts;
pub mod consultative;
pub mod demo;
pub mod directory;
pub mod discussion;
pub mod events;
pub mod library;
pub mod membership;
pub mod networks;
pub mod news;
pub mod newsletter;
pub mod plans;
pub mod platform;
pub mod portal;
pub mod router;
pub mod startup;
pub mod state;
pub mod themes;
