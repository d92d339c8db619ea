package dev.boomerang.template.internal;

import dev.boomerang.template.LinkRewriter;
import dev.boomerang.template.MessageModel;
import dev.boomerang.template.RenderedMessage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Renders per second of the cart reminder (a cart of 3 items, 4 recommendations, a discount; email HTML and
 * text, every link through a tracking rewriter; and the SMS) through the template engine, against the same
 * output built by plain Java string code ({@link PlainJavaMessages}), on two threads. Run by
 * {@code bench/render.sh}; not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 3, jvmArgsAppend = { "-Xmx1g" })
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class RenderBenchmark {

    ThymeleafMessageTemplates templates;
    MessageModel model;
    final LinkRewriter tracking = url -> "https://t.example.com/c/M1234567/" + Integer.toHexString(url.hashCode());

    @Setup
    public void setUp() {
        Path location = Path.of(System.getProperty("boomerang.templates", "templates"));
        templates = TemplateFixtures.templates(location);
        model = TemplateFixtures.samples(location).full("en");
        RenderedMessage.Email engine = templates.email("cart-reminder", model, tracking);
        RenderedMessage.Email plain = PlainJavaMessages.cartReminderEmail(model, tracking);
        same("subject", engine.subject(), plain.subject());
        same("HTML", PlainJavaMessages.normalized(engine.html()), PlainJavaMessages.normalized(plain.html()));
        same("text", PlainJavaMessages.normalized(engine.text()), PlainJavaMessages.normalized(plain.text()));
        same("links", engine.links().toString(), plain.links().toString());
        same("SMS", templates.sms("cart-reminder", model, tracking).body(), PlainJavaMessages.cartReminderSms(model, tracking).body());
        if (model.cart().items().size() != 3 || model.recommendations().size() != 4) {
            throw new IllegalStateException("the benchmark's email has 3 cart items and 4 recommendations");
        }
        try {
            // what is measured, for a look and for the sizes in BENCHMARKS.md
            Path out = java.nio.file.Files.createDirectories(Path.of("target", "bench"));
            java.nio.file.Files.writeString(out.resolve("cart-reminder-en.html"), engine.html());
            java.nio.file.Files.writeString(out.resolve("cart-reminder-en.txt"), engine.text());
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static void same(String what, String engine, String plain) {
        if (!engine.equals(plain)) {
            throw new IllegalStateException("the reference's " + what + " differs from the template's:\n" + engine + "\n---\n" + plain);
        }
    }

    @Benchmark
    public RenderedMessage.Email emailTemplate() {
        return templates.email("cart-reminder", model, tracking);
    }

    @Benchmark
    public RenderedMessage.Email emailPlainJava() {
        return PlainJavaMessages.cartReminderEmail(model, tracking);
    }

    @Benchmark
    public RenderedMessage.Sms smsTemplate() {
        return templates.sms("cart-reminder", model, tracking);
    }

    @Benchmark
    public RenderedMessage.Sms smsPlainJava() {
        return PlainJavaMessages.cartReminderSms(model, tracking);
    }
}
