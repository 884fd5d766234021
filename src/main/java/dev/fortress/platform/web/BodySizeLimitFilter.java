package dev.fortress.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gate 3 (with {@link MediaTypeHeadersFilter}): refuses request bodies over the
 * configured size (1 MiB by default) with {@code 413}: at once when
 * {@code Content-Length} says so, and while reading when the body is chunked. A handler
 * may lower the limit for its own bodies ({@link BodyLimit}, applied by
 * {@link HandlerBodyLimits} through {@link #limitTo}). A {@code multipart/form-data} body
 * may be as large as the upload limit plus {@link #MULTIPART_OVERHEAD} for its part
 * headers; its parts are parsed only by a handler that asks for them
 * ({@code spring.servlet.multipart.resolve-lazily}), and the parser holds each file to
 * the upload limit ({@code spring.servlet.multipart.max-file-size}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodySizeLimitFilter extends OncePerRequestFilter {

	/** The request attribute under which the limited request can be tightened. */
	private static final String LIMITED = BodySizeLimitFilter.class.getName() + ".limited";

	/** Room for the boundaries and part headers around an uploaded file. */
	static final long MULTIPART_OVERHEAD = 64 * 1024;

	private final long maxBytes;

	private final long maxMultipartBytes;

	private final Problems problems;

	BodySizeLimitFilter(WebProperties properties, Problems problems) {
		this.maxBytes = properties.maxBodySize().toBytes();
		this.maxMultipartBytes = Math.max(this.maxBytes, properties.maxUploadSize().toBytes() + MULTIPART_OVERHEAD);
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long max = isMultipart(request) ? this.maxMultipartBytes : this.maxBytes;
		if (request.getContentLengthLong() > max) {
			this.problems.write(response, Problems.of(ProblemType.PAYLOAD_TOO_LARGE, tooLarge(max), request), null);
			return;
		}
		LimitedRequest limited = new LimitedRequest(request, max);
		request.setAttribute(LIMITED, limited);
		chain.doFilter(limited, response);
	}

	/**
	 * Lowers the limit of this request's body to {@code maxBytes} (never raises it):
	 * throws {@code 413} at once when {@code Content-Length} is over it, and while
	 * reading otherwise. Called before anything of the body is read.
	 */
	static void limitTo(HttpServletRequest request, long maxBytes) {
		if (request.getContentLengthLong() > maxBytes) {
			throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, tooLarge(maxBytes));
		}
		if (request.getAttribute(LIMITED) instanceof LimitedRequest limited) {
			limited.limit = Math.min(limited.limit, maxBytes);
		}
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length());
	}

	private static String tooLarge(long maxBytes) {
		return "Request bodies are limited to " + maxBytes + " bytes";
	}

	/** Thrown while reading a body that grows past the limit; mapped to {@code 413}. */
	static final class PayloadTooLargeException extends IOException {

		PayloadTooLargeException(String message) {
			super(message);
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		/** Lowered by {@link #limitTo}, on the request's own thread, before any read. */
		private long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedStream(super.getInputStream());
			}
			return this.stream;
		}

		private final class LimitedStream extends ServletInputStream {

			private final ServletInputStream delegate;

			private long count;

			LimitedStream(ServletInputStream delegate) {
				this.delegate = delegate;
			}

			@Override
			public int read() throws IOException {
				int b = this.delegate.read();
				if (b >= 0) {
					count(1);
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = this.delegate.read(buffer, offset, length);
				if (n > 0) {
					count(n);
				}
				return n;
			}

			private void count(int n) throws PayloadTooLargeException {
				this.count += n;
				if (this.count > LimitedRequest.this.limit) {
					throw new PayloadTooLargeException(tooLarge(LimitedRequest.this.limit));
				}
			}

			@Override
			public boolean isFinished() {
				return this.delegate.isFinished();
			}

			@Override
			public boolean isReady() {
				return this.delegate.isReady();
			}

			@Override
			public void setReadListener(ReadListener listener) {
				this.delegate.setReadListener(listener);
			}

		}

	}

}
