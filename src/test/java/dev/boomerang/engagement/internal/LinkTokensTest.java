package dev.boomerang.engagement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signed link tokens: what each verifies to, what it refuses, and key rotation. */
class LinkTokensTest {

    static final LinkTokens.Key DATABASE = new LinkTokens.Key("1", HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    static final LinkTokens.Key APRIL = key("april", "a-secret-for-april-links-0123456789");
    static final LinkTokens.Key MAY = key("may", "a-secret-for-may-links-000123456789");

    /** A target's hash with the top bit set: written unsigned in a token. */
    static final long TARGET = LinkTargets.hash("https://shop.example.com/coffee?utm_source=boomerang");

    static LinkTokens.Key key(String id, String secret) {
        return new LinkTokens.Key(id, secret.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachKindOfTokenVerifiesToWhatItNamesAndOnlyAsItsOwnKind() {
        LinkTokens tokens = new LinkTokens(List.of(), DATABASE);
        String message = tokens.token(42);
        String open = tokens.openToken(42);
        String click = tokens.clickToken(42, 3, TARGET);

        assertThat(tokens.verify(message)).hasValue(42);
        assertThat(tokens.verifyOpen(open)).hasValue(42);
        assertThat(tokens.verifyClick(click)).contains(new LinkTokens.Click(42, 3, OptionalLong.of(TARGET)));
        assertThat(message).as("signed by the database key, named 1").startsWith("1.");
        // an open pixel's URL (seen by image proxies) must not unsubscribe, and the other way round
        assertThat(tokens.verify(open)).isEmpty();
        assertThat(tokens.verifyOpen(message)).isEmpty();
        assertThat(tokens.verifyClick(message)).isEmpty();
        assertThat(tokens.verify(click)).isEmpty();
        assertThat(tokens.verifyOpen(click)).isEmpty();
    }

    @Test
    void alteredForgedAndMalformedTokensAreRefused() {
        LinkTokens tokens = new LinkTokens(List.of(), DATABASE);
        String click = tokens.clickToken(42, 3, TARGET);
        String otherPosition = click.replaceFirst("\\.3\\.", ".4.");
        String otherTarget = click.replaceFirst("\\.3\\.[0-9a-z]+-", ".3." + Long.toUnsignedString(TARGET + 1, 36) + "-");
        String withoutTarget = click.replaceFirst("\\.3\\.[0-9a-z]+-", ".3-");
        String otherMessage = click.replaceFirst("^1\\.16\\.", "1.17.");
        char last = click.charAt(click.length() - 1);
        String flipped = click.substring(0, click.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(otherPosition).isNotEqualTo(click);
        assertThat(otherMessage).isNotEqualTo(click);
        assertThat(tokens.verifyClick(otherPosition)).isEmpty();
        assertThat(otherTarget).isNotEqualTo(click);
        assertThat(withoutTarget).isNotEqualTo(click);
        assertThat(tokens.verifyClick(otherTarget)).as("another target under the same signature").isEmpty();
        assertThat(tokens.verifyClick(withoutTarget)).as("the target dropped, the signature kept").isEmpty();
        assertThat(tokens.verifyClick(otherMessage)).isEmpty();
        assertThat(tokens.verifyClick(flipped)).isEmpty();
        LinkTokens stranger = new LinkTokens(List.of(), new LinkTokens.Key("1", new byte[32]));
        assertThat(tokens.verifyClick(stranger.clickToken(42, 3, TARGET))).as("same shape, another key").isEmpty();
        for (String junk : new String[] { null, "", "-", "1.-", "x.16-AAAA", "1.16.3", "1.16.3.4-AAAA", "1.16.3.4.5-AAAA", "1..3-AAAA",
                "1.16.-1-AAAA", "1.zzzzzzzzzzzzzzzzzzzz-AAAA", "1.16-%%%", "1.16-" + "A".repeat(100) }) {
            assertThat(tokens.verify(junk)).as(junk).isEmpty();
            assertThat(tokens.verifyOpen(junk)).as(junk).isEmpty();
            assertThat(tokens.verifyClick(junk)).as(junk).isEmpty();
        }
    }

    @Test
    void clickLinksMadeBeforeLinkTargetsKeepWorkingAndNameNoTarget() {
        LinkTokens tokens = new LinkTokens(List.of(MAY), DATABASE);
        String old = tokens.clickTokenWithoutTarget(42, 3);
        String current = tokens.clickToken(42, 3, TARGET);

        assertThat(TARGET).as("a hash that reads negative as a long").isNegative();
        assertThat(old).startsWith("may.16.3-");
        assertThat(current).startsWith("may.16.3." + Long.toUnsignedString(TARGET, 36) + "-");
        assertThat(tokens.verifyClick(old)).contains(new LinkTokens.Click(42, 3, OptionalLong.empty()));
        assertThat(tokens.verifyClick(current)).contains(new LinkTokens.Click(42, 3, OptionalLong.of(TARGET)));
        // the old signature does not cover a target: one added to an old token must not verify
        assertThat(tokens.verifyClick(old.replaceFirst("-", "." + Long.toUnsignedString(TARGET, 36) + "-"))).isEmpty();
        assertThat(tokens.verifyOpen(current)).isEmpty();
        assertThat(tokens.verify(current)).isEmpty();
    }

    @Test
    void unsubscribeLinksMadeBeforeKeyIdsKeepWorkingWithTheDatabaseKey() throws Exception {
        // the format of the first release: base-36 id, dash, HMAC of the id's 8 bytes with the database key
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(DATABASE.secret(), "HmacSHA256"));
        byte[] full = mac.doFinal(ByteBuffer.allocate(8).putLong(1234).array());
        String old = Long.toString(1234, 36) + "-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 12));

        assertThat(new LinkTokens(List.of(), DATABASE).verify(old)).hasValue(1234);
        assertThat(new LinkTokens(List.of(MAY), DATABASE).verify(old)).as("after keys are configured").hasValue(1234);
        assertThat(new LinkTokens(List.of(MAY), null).verify(old)).as("database key retired").isEmpty();
        assertThat(new LinkTokens(List.of(MAY), DATABASE).verifyOpen(Long.toString(1234, 36) + "-x"))
            .as("only unsubscribe and preferences tokens existed without a key id").isEmpty();
    }

    @Test
    void aNewKeySignsNewLinksWhileLinksSignedWithTheOldOneKeepWorkingUntilItIsRemoved() {
        LinkTokens april = new LinkTokens(List.of(APRIL), DATABASE);
        String oldClick = april.clickToken(7, 0, TARGET);
        String oldOpen = april.openToken(7);
        String oldUnsubscribe = april.token(7);
        assertThat(oldClick).startsWith("april.");

        LinkTokens rotated = new LinkTokens(List.of(MAY, APRIL), DATABASE);
        assertThat(rotated.clickToken(7, 0, TARGET)).as("the newest key signs").startsWith("may.").isNotEqualTo(oldClick);
        assertThat(rotated.verifyClick(oldClick)).contains(new LinkTokens.Click(7, 0, OptionalLong.of(TARGET)));
        assertThat(rotated.verifyOpen(oldOpen)).hasValue(7);
        assertThat(rotated.verify(oldUnsubscribe)).hasValue(7);
        assertThat(rotated.verifyClick(rotated.clickToken(7, 0, TARGET))).contains(new LinkTokens.Click(7, 0, OptionalLong.of(TARGET)));

        LinkTokens aprilRemoved = new LinkTokens(List.of(MAY), DATABASE);
        assertThat(aprilRemoved.verifyClick(oldClick)).isEmpty();
        assertThat(aprilRemoved.verifyOpen(oldOpen)).isEmpty();
        assertThat(aprilRemoved.verify(oldUnsubscribe)).isEmpty();
        assertThat(aprilRemoved.verifyClick(rotated.clickToken(7, 0, TARGET))).contains(new LinkTokens.Click(7, 0, OptionalLong.of(TARGET)));
    }

    @Test
    void aKeyIdCannotBeRenamedToBorrowAnotherKeysSignature() {
        LinkTokens tokens = new LinkTokens(List.of(MAY, APRIL), DATABASE);
        String may = tokens.clickToken(9, 1, TARGET);
        assertThat(tokens.verifyClick("april" + may.substring(3))).isEmpty();
        assertThat(tokens.verifyClick("1" + may.substring(3))).isEmpty();
    }

    @Test
    void misconfiguredKeysAreRefusedWithWhereTheMistakeIs() {
        assertThatThrownBy(() -> properties(List.of(new EngagementProperties.SigningKey("1", "x".repeat(40)))))
            .hasMessageContaining("signing-keys[0].id").hasMessageContaining("'1'");
        assertThatThrownBy(() -> properties(List.of(new EngagementProperties.SigningKey("may", "short"))))
            .hasMessageContaining("signing-keys[0].secret (key may)").hasMessageNotContaining("short");
        assertThatThrownBy(() -> properties(List.of(new EngagementProperties.SigningKey("may", "x".repeat(40)),
                new EngagementProperties.SigningKey("may", "y".repeat(40)))))
            .hasMessageContaining("signing-keys[1].id: 'may' is listed twice");
        assertThatThrownBy(() -> new EngagementProperties(java.net.URI.create("https://b.example"),
                new EngagementProperties.Events(10, 10), List.of(), true, null, null, null, null))
            .hasMessageContaining("retire-database-key");
        assertThat(new EngagementProperties.SigningKey("may", "x".repeat(40)).toString()).doesNotContain("xxxx");
    }

    private static EngagementProperties properties(List<EngagementProperties.SigningKey> keys) {
        return new EngagementProperties(java.net.URI.create("https://b.example"), new EngagementProperties.Events(10, 10),
                keys, false, null, null, null, null);
    }

}
