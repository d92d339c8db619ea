package dev.boomerang.customer.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How single fields are read: the accepted forms, their normalized values, and what is refused. */
class FieldReaderTest {

    private final RowErrors errors = new RowErrors();

    private FieldReader reader(String field, String value) {
        Map<String, String> fields = new HashMap<>();
        fields.put(field, value);
        return new FieldReader(new RawRow(7, 8, fields, Map.of(), null), errors);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-01, 2026-03-01T00:00:00Z",
        "2026-03-01T10:15:00Z, 2026-03-01T10:15:00Z",
        "2026-03-01T10:15:00+01:00, 2026-03-01T09:15:00Z",
        "2026-03-01T10:15:00.250-0500, 2026-03-01T15:15:00.250Z",
        "2026-03-01T10:15, 2026-03-01T10:15:00Z",
    })
    void placedAtTakesADateOrADateTimeAndABareDateIsMidnightUtc(String input, String expected) {
        assertThat(reader("placed_at", input).instant("placed_at")).isEqualTo(Instant.parse(expected));
        assertThat(errors.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({ "01/03/2026", "2026-13-01", "yesterday", "2026-03-01 10:15", "20260301" })
    void anythingElseIsNotADate(String input) {
        assertThat(reader("placed_at", input).instant("placed_at")).isNull();
        assertThat(errors.kept()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("placed_at");
            assertThat(e.row()).isEqualTo(7);
            assertThat(e.line()).isEqualTo(8);
        });
    }

    @ParameterizedTest
    @CsvSource({ "+48 600 700 800, +48600700800", "+1 (212) 555-0123, +12125550123", "+44 7400 123456, +447400123456" })
    void phonesAreStoredAsE164(String input, String expected) {
        assertThat(reader("phone", input).phone("phone", null)).isEqualTo(expected);
    }

    @Test
    void aPhoneWithoutPlusIsReadInTheDefaultRegionOrRefused() {
        assertThat(reader("phone", "600 700 800").phone("phone", "pl")).isEqualTo("+48600700800");
        assertThat(errors.isEmpty()).isTrue();
        assertThat(reader("phone", "600 700 800").phone("phone", "")).isNull();
        assertThat(errors.kept()).singleElement().satisfies(e -> assertThat(e.message()).contains("international"));
    }

    @ParameterizedTest
    @CsvSource({ "+48 600", "+999 123456", "call me" })
    void invalidPhonesAreRefused(String input) {
        assertThat(reader("phone", input).phone("phone", null)).isNull();
        assertThat(errors.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({ "Ann@Example.COM, ann@example.com", "o'brien+shop@mail.example.ie, o'brien+shop@mail.example.ie" })
    void emailsAreLowerCased(String input, String expected) {
        assertThat(reader("email", input).email("email")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "plainaddress", "two@@example.com", "no-dot@localhost", "spa ce@example.com", "a@-example.com" })
    void malformedEmailsAreRefused(String input) {
        assertThat(reader("email", input).email("email")).isNull();
        assertThat(errors.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({ "0, 0", "12.5, 12.5", "1234.5678, 1234.5678" })
    void amountsAreNonNegativeWithAtMostFourDecimals(String input, String expected) {
        assertThat(reader("total", input).money("total")).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "-0.01, negative", "1.23456, too many digits", "ten, not a number", "1e400, too many digits",
            "123456789012345, too many digits" })
    void badAmountsAreRefusedWithTheReason(String input, String reason) {
        assertThat(reader("total", input).money("total")).isNull();
        assertThat(errors.kept()).singleElement().satisfies(e -> assertThat(e.message()).contains(reason));
    }

    @Test
    void zonesLocalesAndCurrenciesAreChecked() {
        assertThat(reader("time_zone", "Europe/Warsaw").zone("time_zone")).isEqualTo("Europe/Warsaw");
        assertThat(reader("locale", "pt_BR").locale("locale")).isEqualTo("pt-BR");
        assertThat(reader("currency", "eur").currency("currency").getCurrencyCode()).isEqualTo("EUR");
        assertThat(errors.isEmpty()).isTrue();
        assertThat(reader("time_zone", "CET+99").zone("time_zone")).isNull();
        assertThat(reader("locale", "12-!!").locale("locale")).isNull();
        assertThat(reader("currency", "ABC").currency("currency")).isNull();
        assertThat(errors.count()).isEqualTo(3);
    }

    @Test
    void requiredFieldsSayWhetherTheyWereMissingOrEmpty() {
        FieldReader missing = new FieldReader(new RawRow(1, 0, Map.of(), Map.of(), null), errors);
        assertThat(missing.required("customer_id", 128)).isNull();
        Map<String, String> empty = new HashMap<>();
        empty.put("customer_id", null);
        assertThat(new FieldReader(new RawRow(2, 0, empty, Map.of(), null), errors).required("customer_id", 128)).isNull();
        assertThat(errors.kept()).extracting(RowError::message)
            .containsExactly("is required and missing", "is required and was empty");
    }

    @Test
    void controlCharactersAndOverlongTextAreRefused() {
        assertThat(reader("first_name", "Ann\u0000").text("first_name", 100)).isNull();
        assertThat(reader("first_name", "x".repeat(101)).text("first_name", 100)).isNull();
        assertThat(errors.count()).isEqualTo(2);
    }

    @Test
    void birthdaysAreIsoDates() {
        assertThat(reader("birthday", "1990-02-28").date("birthday")).isEqualTo(LocalDate.of(1990, 2, 28));
        assertThat(reader("birthday", "1990-02-30").date("birthday")).isNull();
        assertThat(errors.count()).isEqualTo(1);
    }

    @Test
    void aBatchCountsEveryErrorButKeepsOnlyTheFirstThousand() {
        for (int i = 0; i < 5000; i++) {
            errors.add(new RowError(i + 1, 0, "email", "is not an email address"));
        }
        assertThat(errors.count()).isEqualTo(5000);
        assertThat(errors.kept()).hasSize(RowErrors.KEPT);
        assertThat(errors.kept()).extracting(RowError::row).startsWith(1, 2, 3).endsWith(RowErrors.KEPT);
    }
}
