package dev.boomerang.template.internal;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The render benchmark's reference still builds what the template renders (else its figures mean nothing). */
class RenderReferenceTest {

    @Test
    void thePlainJavaReferenceProducesTheTemplatesOutput() {
        assertThatCode(() -> new RenderBenchmark().setUp()).doesNotThrowAnyException();
    }
}
