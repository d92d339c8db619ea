-- The distinct targets of tracked links (issue 6), named by a hash of the URL: the first 8 bytes of its SHA-256,
-- read as a signed number. A click token carries the hash under its signature, so the redirect reads the target
-- by the hash alone. A row never changes (the same URL always has the same hash), so a node may keep rows in
-- memory without ever serving a stale one; and a broadcast's thousands of messages share a handful of rows.
-- message_link keeps the per-message record, and the targets of links signed before this table existed.
-- (V73 is skipped: it was a withdrawn index.)
CREATE TABLE link_target (
    hash BIGINT        PRIMARY KEY,
    url  VARCHAR(2000) NOT NULL
);
