-- Addresses Boomerang must not write to again, whoever holds them now: a hard bounce (SMTP 550 user unknown),
-- a spam complaint, a number the provider calls invalid, or an operator's decision. Keyed by the address, not
-- the customer: two customers can share an address, and a customer who changes address is reachable again.
CREATE TABLE suppression (
    channel    VARCHAR(8)   NOT NULL,     -- email | sms
    address    VARCHAR(320) NOT NULL,     -- lower-case email address or E.164 number, as stored on customer
    reason     VARCHAR(16)  NOT NULL,     -- bounced | complained | invalid | manual
    source     VARCHAR(100) NOT NULL,     -- who said so: smtp:550, twilio:21211, api, ...
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, address),
    CONSTRAINT suppression_reason_known CHECK (reason IN ('bounced', 'complained', 'invalid', 'manual'))
);
-- reachability in segment SQL joins customer.email / customer.phone to this table
CREATE INDEX customer_email_idx ON customer (email);
CREATE INDEX customer_phone_idx ON customer (phone);
