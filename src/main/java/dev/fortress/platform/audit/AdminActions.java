package dev.fortress.platform.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Audits every change an administrator makes, wherever it is routed: a request that is
 * not a read, made with the {@code ADMIN} role and answered with success, is appended to
 * the {@link AuditLog} with its route and path. One rule for every admin endpoint,
 * present and future, instead of a call in each.
 */
@Component
class AdminActions implements HandlerInterceptor, WebMvcConfigurer {

	private static final Logger log = LoggerFactory.getLogger(AdminActions.class);

	private final AuditLog audit;

	AdminActions(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		String method = request.getMethod();
		if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || response.getStatus() >= 400) {
			return;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication.getAuthorities()
			.stream()
			.noneMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()))) {
			return;
		}
		Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		try {
			this.audit.record(authentication.getName(),
					method + " " + (route != null ? route : request.getRequestURI()), request.getRequestURI(),
					response.getStatus(), MDC.get("requestId"));
		}
		catch (RuntimeException failure) {
			log.error("Could not audit {} {} by {}", method, request.getRequestURI(), authentication.getName(),
					failure);
		}
	}

}
