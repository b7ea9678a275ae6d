//! Strategic action plans of networks (objectives, activities per theme with
//! their organisations, budgets, indicators and dated updates; timeline,
//! dashboard and exports) and the commitments partners make to them.

mod activity_choices;
pub mod api;
pub mod charts;
pub mod commitments;
pub mod edits;
pub mod exports;
pub mod model;
pub mod pages;
pub mod proposal_pages;
pub mod proposals;
pub mod proposals_api;
pub mod schema;
pub mod store;

pub use activity_choices::{ActivityChoice, activity_choices};
pub use commitments::{CommitmentSummary, commitments_of};
