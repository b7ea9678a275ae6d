//! The ECOSOC consultative-status desk: eligibility, the application and its
//! dossier, its way through the Committee on NGOs, and keeping status afterwards.

pub mod rules;
