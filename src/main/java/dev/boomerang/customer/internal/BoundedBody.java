package dev.boomerang.customer.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that stops at a size: the row limit alone would let one enormous cell or item list through.
 * Reading past the limit fails; {@link #exceeded()} then tells the caller why the parser gave up.
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

    boolean exceeded() {
        return exceeded;
    }

    long limit() {
        return limit;
    }
}
