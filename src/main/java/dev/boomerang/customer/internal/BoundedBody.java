package dev.boomerang.customer.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input that counts what was read and stops at a size: the API's row limit alone would let one enormous cell
 * or item list through; the command line counts for its progress line and sets no limit. Reading past the
 * limit fails; {@link #exceeded()} then tells the caller why the parser gave up.
 */
final class BoundedBody extends FilterInputStream {

    private final long limit;
    private long read;
    private boolean exceeded;

    BoundedBody(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws IOException {
        read += n;
        if (read > limit) {
            exceeded = true;
            throw new IOException("request body larger than " + limit + " bytes");
        }
    }

    long count() {
        return read;
    }

    boolean exceeded() {
        return exceeded;
    }

    long limit() {
        return limit;
    }
}
