package dev.boomerang.channel.internal.smtp;

import dev.boomerang.channel.Consequence;
import dev.boomerang.channel.DeliveryReceipt;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What a failed SMTP send means, from what the server answered and how far the send got:
 * <ul>
 * <li>a 4xx answer (to RCPT, MAIL or the end of data): {@code RETRY_LATER}; 421 means the server itself is
 * going away, so it also counts against the adapter's circuit breaker;</li>
 * <li>a 5xx answer: {@code REJECTED}; 550, 551 and 553 on the recipient mean the mailbox does not exist, and
 * the address is suppressed, unless the enhanced status says 5.7.x (a policy or reputation block says nothing
 * about the mailbox);</li>
 * <li>no answer at all (a dropped connection, a timeout): {@code RETRY_LATER} when it happened before the end
 * of the message data went out (the server discards a message it did not get whole), {@code UNKNOWN} after
 * (the server may have taken it).</li>
 * </ul>
 */
final class SmtpOutcomes {

    static final String ADAPTER = "smtp";
    private static final Pattern ENHANCED_STATUS = Pattern.compile("^\\d{3}[ -](\\d)\\.(\\d{1,3})\\.\\d{1,3}\\b");

    private SmtpOutcomes() {
    }

    /** The server's answer code found in the exception, or -1 when the server gave none (I/O failure). */
    static int replyCode(MessagingException failure) {
        for (Exception e = failure; e != null; e = next(e)) {
            if (e instanceof SMTPAddressFailedException address && address.getReturnCode() > 0) {
                return address.getReturnCode();
            }
            if (e instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                return send.getReturnCode();
            }
        }
        return -1;
    }

    static DeliveryReceipt classify(MessagingException failure, boolean dataEnded, Instant now, Duration retryAfter) {
        for (Exception e = failure; e != null; e = next(e)) {
            if (e instanceof SMTPAddressFailedException address && address.getReturnCode() > 0) {
                return answered(address.getReturnCode(), address.getMessage(), true, now, retryAfter);
            }
            if (e instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                return answered(send.getReturnCode(), send.getMessage(), false, now, retryAfter);
            }
        }
        String what = describe(failure);
        if (dataEnded) {
            return new DeliveryReceipt.Unknown(ADAPTER, "no answer after the message data was sent: " + what);
        }
        return new DeliveryReceipt.RetryLater(ADAPTER, now, "connection failed before the message was complete: " + what, true);
    }

    /** A failure to connect (refused, unreachable, TLS or login failed): nothing was sent. */
    static DeliveryReceipt unreachable(Exception failure, Instant now) {
        return new DeliveryReceipt.RetryLater(ADAPTER, now, "cannot connect to the SMTP server: " + describe(failure), true);
    }

    private static DeliveryReceipt answered(int code, String response, boolean recipient, Instant now, Duration retryAfter) {
        String reason = (recipient ? "recipient refused: " : "message refused: ") + firstLine(response);
        if (code >= 400 && code < 500) {
            boolean serverGoingAway = code == 421;
            return new DeliveryReceipt.RetryLater(ADAPTER, serverGoingAway ? now : now.plus(retryAfter), reason,
                    serverGoingAway);
        }
        if (code >= 500 && code < 600) {
            return new DeliveryReceipt.Rejected(ADAPTER, reason, Integer.toString(code),
                    recipient && mailboxUnknown(code, response) ? Consequence.ADDRESS_BOUNCED : Consequence.NONE);
        }
        return new DeliveryReceipt.Unknown(ADAPTER, "unexpected answer: " + reason);
    }

    private static boolean mailboxUnknown(int code, String response) {
        if (code != 550 && code != 551 && code != 553) {
            return false;
        }
        Matcher enhanced = ENHANCED_STATUS.matcher(response == null ? "" : response.strip());
        return !(enhanced.find() && enhanced.group(2).equals("7"));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip();
        int end = line.indexOf('\n');
        return (end < 0 ? line : line.substring(0, end)).strip();
    }

    private static String describe(Exception failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static Exception next(Exception e) {
        if (e instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return e.getCause() instanceof Exception cause && cause != e ? cause : null;
    }
}
