package dev.boomerang.channel.internal.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with Nagle's algorithm off, whose writes can be held and sent together. Jakarta Mail ends each
 * message with a small write (the final ".") after the body; with Nagle on, that write waits for the server's
 * delayed acknowledgement of the body, about 40 ms a message (measured into smtp-sink: 85 messages/s with Nagle,
 * see BENCHMARKS.md without). With Nagle off every flush is a packet, so {@link TrackedSmtpTransport} holds the
 * writes of a pipelined envelope (MAIL, RCPT, DATA) and of a message's data and end, and sends each group as one
 * write when it reads the server's answer to it. A transport learns its socket from the factory right after it
 * connected, on the same thread ({@link #takeMade}): one factory (and one Jakarta Mail session) serves every
 * connection, since a session per connection reads every jar's mail providers again (measured: a fifth of the SMTP
 * threads' CPU with a connection every 100 messages).
 */
final class NoDelaySockets extends SocketFactory {

    private final ThreadLocal<HeldSocket> made = new ThreadLocal<>();

    /** The socket this factory made last on this thread, or null; forgotten here once taken. */
    HeldSocket takeMade() {
        HeldSocket socket = made.get();
        made.remove();
        return socket;
    }

    private Socket made(HeldSocket socket) throws IOException {
        socket.setTcpNoDelay(true);
        made.set(socket);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return made(new HeldSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** The connected variants, which Jakarta Mail does not use (it connects an unconnected socket itself). */
    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        HeldSocket socket = new HeldSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return made(socket);
    }

    /** A socket whose output stream can hold what is written until {@link HeldOutput#release}. */
    static final class HeldSocket extends Socket {

        private HeldOutput output;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new HeldOutput(super.getOutputStream());
            }
            return output;
        }

        /** The stream's holding switch, or null before anything asked for the stream. */
        synchronized HeldOutput held() {
            return output;
        }
    }

    /**
     * Passes writes through, or while holding keeps them (up to {@link #MOST} bytes, then sends what it has) and
     * ignores flushes. Used by one connection's thread at a time, as the transport is.
     */
    static final class HeldOutput extends OutputStream {

        static final int MOST = 64 * 1024;

        private final OutputStream out;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream(16 * 1024);
        private boolean holding;

        HeldOutput(OutputStream out) {
            this.out = out;
        }

        /** Keeps what is written from now on, until {@link #release}. */
        void hold() {
            holding = true;
        }

        /** Sends what was held, in one write, and passes writes through again. */
        void release() throws IOException {
            holding = false;
            sendHeld();
            out.flush();
        }

        /** Forgets what was held (it never reached the server) and passes writes through again. */
        void discard() {
            holding = false;
            held.reset();
        }

        @Override
        public void write(int b) throws IOException {
            if (holding) {
                held.write(b);
                spill();
            }
            else {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (holding) {
                held.write(b, off, len);
                spill();
            }
            else {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!holding) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            held.reset();
            out.close();
        }

        private void spill() throws IOException {
            if (held.size() >= MOST) { // a large message goes out in parts: memory stays small
                sendHeld();
            }
        }

        private void sendHeld() throws IOException {
            if (held.size() > 0) {
                held.writeTo(out);
                held.reset();
            }
        }
    }
}
