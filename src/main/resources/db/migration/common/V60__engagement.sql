-- Keys that sign the links in messages (unsubscribe, preferences). Generated on first start and shared by
-- every node through the database, so a link stays valid across restarts and nodes.
CREATE TABLE signing_key (
    id         INTEGER PRIMARY KEY,
    secret     VARCHAR(64) NOT NULL,        -- hex of 32 random bytes
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
