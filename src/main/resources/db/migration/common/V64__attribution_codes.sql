-- Attribution finds the message whose discount code an order used; without an index every order would read
-- the whole ledger.
CREATE INDEX message_discount_code_idx ON message (discount_code);
