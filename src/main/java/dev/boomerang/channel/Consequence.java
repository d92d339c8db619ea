package dev.boomerang.channel;

/** What a permanent refusal says about the recipient's address, beyond this one message. */
public enum Consequence {
    /** nothing beyond this message (content refused, policy block, a sender-side problem) */
    NONE,
    /** the mailbox does not exist (SMTP 550 on the recipient): never write to this address again */
    ADDRESS_BOUNCED,
    /** the provider calls the address or number invalid (Twilio 21211, 21614) */
    ADDRESS_INVALID,
    /** the recipient opted out at the provider (Twilio 21610: they replied STOP): their SMS consent is withdrawn */
    CONSENT_WITHDRAWN
}
