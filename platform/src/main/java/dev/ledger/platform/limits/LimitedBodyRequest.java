package dev.ledger.platform.limits;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body stream fails with {@link BodyTooLargeException} once more than {@code maxBodyBytes} have
 * been read: for bodies whose length is not declared up front (chunked), which only reading can measure.
 */
final class LimitedBodyRequest extends HttpServletRequestWrapper {

    private final long maxBodyBytes;
    private ServletInputStream body;
    private BufferedReader reader;

    LimitedBodyRequest(HttpServletRequest request, long maxBodyBytes) {
        super(request);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new LimitedInputStream(super.getInputStream(), maxBodyBytes);
        }
        return body;
    }

    /** Over the limited stream: the wrapped request's own reader would read past the limit. */
    @Override
    public BufferedReader getReader() throws IOException {
        if (reader == null) {
            String encoding = getCharacterEncoding();
            // JSON is UTF-8 (RFC 8259); Spring's encoding filter normally sets it already
            Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
        return reader;
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private long read;

        private LimitedInputStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            refuseIfPastLimit();
            int b = in.read();
            if (b >= 0) {
                read++;
                refuseIfPastLimit();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            refuseIfPastLimit();
            // one byte past the limit is enough to know, and no more is taken into memory
            int n = in.read(buffer, offset, (int) Math.min(length, max - read + 1));
            if (n > 0) {
                read += n;
                refuseIfPastLimit();
            }
            return n;
        }

        private void refuseIfPastLimit() throws BodyTooLargeException {
            if (read > max) {
                throw new BodyTooLargeException(max);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
