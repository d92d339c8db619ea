-- Cart flows look their journeys up by cart on every tick (the scan passes carts whose journey is under way) and
-- on every cart change (the idle clock): without this index each lookup read all the flow's journeys.
CREATE INDEX enrollment_cart_idx ON enrollment (cart_id, flow_id);
