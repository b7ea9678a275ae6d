//! Plumbing shared by every capability; it knows nothing of them.

pub mod audit;
pub mod auth;
pub mod clock;
pub mod db;
pub mod files;
pub mod forms;
pub mod i18n;
pub mod mail;
pub mod markdown;
pub mod migrate;
pub mod objects;
pub mod search;
pub mod signing;
pub mod smtp_server;
pub mod values;
pub mod web;
