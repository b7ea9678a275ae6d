//! The library as open data.
