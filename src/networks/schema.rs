//! What running a network adds to the directory's network tables: a network's
//! state (planned, active, retired) and the countries it covers; focal points
//! kept in an order of the coordinator's choosing and retired rather than deleted.

use crate::platform::db::Dialect;
use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] =
    &[Migration { version: 130, name: "network states, countries, focal point order", sql: network_structure }];

fn network_structure(_: Dialect) -> String {
    "ALTER TABLE networks ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
    -- statement
    ALTER TABLE networks ADD COLUMN countries TEXT NOT NULL DEFAULT '[]'
    -- statement
    ALTER TABLE focal_points ADD COLUMN position BIGINT NOT NULL DEFAULT 0
    -- statement
    ALTER TABLE focal_points ADD COLUMN retired_at TEXT
    -- statement
    UPDATE focal_points SET position = number"
        .to_string()
}
