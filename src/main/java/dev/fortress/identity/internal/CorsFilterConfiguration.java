package dev.fortress.identity.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import dev.fortress.platform.web.ProblemType;
import dev.fortress.platform.web.Problems;
import dev.fortress.platform.web.WebProperties;

/**
 * CORS for browser clients: only the origins listed in {@code FORTRESS_CORS_ORIGINS}
 * (none by default). A refused cross-origin request gets a {@code 403} problem like every
 * other error.
 */
@Configuration(proxyBeanMethods = false)
class CorsFilterConfiguration {

	@Bean
	ProblemCorsFilter problemCorsFilter(WebProperties web, Problems problems) {
		// Always registered, even with no origins: then every cross-origin request is
		// refused
		// outright instead of merely lacking the headers a browser needs.
		CorsConfiguration config = new CorsConfiguration();
		config.setAllowedOrigins(web.corsOrigins());
		config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
		config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match",
				"If-None-Match", "X-Request-Id"));
		config.setExposedHeaders(
				List.of("ETag", "Location", "Link", "Retry-After", "X-Request-Id", "RateLimit", "RateLimit-Policy"));
		config.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", config);
		return new ProblemCorsFilter(source, problems);
	}

	/** Spring's CORS filter, answering a refused request with problem+json. */
	static final class ProblemCorsFilter extends CorsFilter {

		private final Problems problems;

		ProblemCorsFilter(UrlBasedCorsConfigurationSource source, Problems problems) {
			super(source);
			this.problems = problems;
			setCorsProcessor(new DefaultCorsProcessor() {
				@Override
				protected void rejectRequest(ServerHttpResponse response) throws IOException {
					throw new CorsRejected();
				}
			});
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				super.doFilterInternal(request, response, chain);
			}
			catch (CorsRejected rejected) {
				this.problems.write(response, Problems.of(ProblemType.FORBIDDEN,
						"Cross-origin requests from this origin are not allowed", request), null);
			}
		}

	}

	/**
	 * Raised by the processor so the filter, which has the request, can write the
	 * problem.
	 */
	private static final class CorsRejected extends IOException {

		CorsRejected() {
			super("CORS request rejected");
		}

	}

}
