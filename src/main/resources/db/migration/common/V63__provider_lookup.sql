-- Provider callbacks name a message by the provider's id (Twilio's SID, an email's Message-ID): find it at once.
CREATE INDEX message_provider_idx ON message (provider_id);
