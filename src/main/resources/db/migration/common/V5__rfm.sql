-- RFM scores, written by the insight module's scoring run and read by segment rules (rfm, rfm-group).
-- Each dimension is a quintile score from 1 (worst: longest ago, fewest orders, least spent) to 5 (best),
-- over the customers who have ordered as of the run; customers who never ordered have no row, so every
-- rfm condition is false for them.
CREATE TABLE customer_rfm (
    customer_id BIGINT   NOT NULL PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
    recency     SMALLINT NOT NULL,
    frequency   SMALLINT NOT NULL,
    monetary    SMALLINT NOT NULL,
    scored_at   TIMESTAMP WITH TIME ZONE NOT NULL,   -- the instant the scores are "as of"
    CONSTRAINT customer_rfm_scores CHECK (recency BETWEEN 1 AND 5 AND frequency BETWEEN 1 AND 5
        AND monetary BETWEEN 1 AND 5)
);
CREATE INDEX customer_rfm_rf_idx ON customer_rfm (recency, frequency);
