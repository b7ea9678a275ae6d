//! The knowledge library: best practices, reports, training material and documents that members publish for
//! their organisations, each with a version per language and attached files, searched across scripts.

pub mod api;
pub mod demo;
pub mod item;
pub mod pages;
pub mod schema;
pub mod search;

pub use demo::load_demo;
pub use item::{ItemLink, latest as latest_items, organization_items};
