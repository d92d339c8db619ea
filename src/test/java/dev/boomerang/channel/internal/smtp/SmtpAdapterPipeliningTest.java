package dev.boomerang.channel.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.channel.DeliveryReceipt;
import dev.boomerang.support.ScriptedGreenMail;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link SmtpAdapterTest} again, against a server that offers PIPELINING (refusals, timeouts, dropped
 * connections, answers read in order), and what pipelining itself promises, against a scripted server that answers
 * nothing of the envelope before it has all of it.
 */
class SmtpAdapterPipeliningTest extends SmtpAdapterTest {

    @Override
    ScriptedGreenMail configured(ScriptedGreenMail server) {
        return server.offerPipelining();
    }

    @Test
    void theEnvelopeGoesOutTogetherAndItsAnswersAreReadTogether() throws Exception {
        try (ServerSocket listening = new ServerSocket(0)) {
            CompletableFuture<List<String>> script = CompletableFuture.supplyAsync(() -> lockedStepFree(listening));
            try (SmtpAdapter pipelined = adapter(listening.getLocalPort(), Duration.ofSeconds(5), 1)) {
                DeliveryReceipt receipt = pipelined.send(email("m-p", "a@example.com"));

                assertThat(receipt).isInstanceOf(DeliveryReceipt.Sent.class);
            }
            List<String> seen = script.get(10, TimeUnit.SECONDS);
            assertThat(seen).as("MAIL, RCPT and DATA, all read before any of them was answered")
                .hasSize(3)
                .satisfies(s -> assertThat(s.get(0)).startsWith("MAIL FROM:"))
                .satisfies(s -> assertThat(s.get(1)).isEqualTo("RCPT TO:<a@example.com>"))
                .satisfies(s -> assertThat(s.get(2)).isEqualTo("DATA"));
        }
    }

    /**
     * A server that reads MAIL, RCPT and DATA before it answers any of them; a client that waits for each answer
     * gets none and fails by its timeout (and this script by its own, 3 s).
     */
    private static List<String> lockedStepFree(ServerSocket listening) {
        try (Socket client = listening.accept()) {
            client.setSoTimeout(3000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            say(out, "220 scripted ESMTP");
            assertThat(in.readLine()).startsWith("EHLO ");
            say(out, "250-scripted\r\n250-PIPELINING\r\n250 8BITMIME");
            List<String> envelope = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                envelope.add(in.readLine());
            }
            say(out, "250 2.1.0 sender ok\r\n250 2.1.5 recipient ok\r\n354 go ahead");
            for (String line = in.readLine(); !".".equals(line); line = in.readLine()) {
                assertThat(line).as("the data ends with a lone dot").isNotNull();
            }
            say(out, "250 2.0.0 queued");
            return envelope;
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static void say(OutputStream out, String lines) throws java.io.IOException {
        out.write((lines + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
