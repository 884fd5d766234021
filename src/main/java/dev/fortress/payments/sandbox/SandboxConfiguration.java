package dev.fortress.payments.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.fortress.platform.web.PublicEndpoints;

/**
 * Serves the sandbox provider under {@code /sandbox-psp/v1}: public as far as Fortress's
 * user tokens go (the provider has its own credentials, the {@code X-Api-Key} header),
 * and every request is written to the provider's request log.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "fortress.payments.sandbox.enabled", matchIfMissing = true)
class SandboxConfiguration implements WebMvcConfigurer {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SandboxProperties properties;

	SandboxConfiguration(JdbcClient jdbc, Clock clock, SandboxProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	@Bean
	PublicEndpoints sandboxPspEndpoints() {
		return PublicEndpoints.any(SandboxPspController.BASE + "/**");
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ApiKeyAndRequestLog()).addPathPatterns(SandboxPspController.BASE + "/**");
	}

	private final class ApiKeyAndRequestLog implements HandlerInterceptor {

		private static final String LOG_ID = ApiKeyAndRequestLog.class.getName() + ".id";

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws Exception {
			request.setAttribute(LOG_ID, received(request));
			String presented = request.getHeader("X-Api-Key");
			if (presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
					SandboxConfiguration.this.properties.apiKey().getBytes(StandardCharsets.UTF_8))) {
				return true;
			}
			response.setStatus(401);
			response.setContentType("application/json");
			response.getWriter().write(SandboxResponse.error(401, "invalid_api_key", "Invalid API key").body());
			completed(request, 401);
			return false;
		}

		@Override
		public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
				@Nullable Exception ex) {
			completed(request, response.getStatus());
		}

		/** Logged on arrival, so a caller that counts attempts never races the log. */
		private long received(HttpServletRequest request) {
			return SandboxConfiguration.this.jdbc.sql("""
					insert into sandbox_psp_requests (idempotency_key, method, path, received_at)
					values (:key, :method, :path, :now)
					returning id
					""")
				.param("key", request.getHeader("Idempotency-Key"))
				.param("method", request.getMethod())
				.param("path", request.getRequestURI())
				.param("now", Timestamp.from(SandboxConfiguration.this.clock.instant()))
				.query(Long.class)
				.single();
		}

		private void completed(HttpServletRequest request, int status) {
			if (request.getAttribute(LOG_ID) instanceof Long id) {
				SandboxConfiguration.this.jdbc.sql("update sandbox_psp_requests set status = :status where id = :id")
					.param("status", status)
					.param("id", id)
					.update();
			}
		}

	}

}
