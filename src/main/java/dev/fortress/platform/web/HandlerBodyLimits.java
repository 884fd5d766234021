package dev.fortress.platform.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Applies a handler's {@link BodyLimit} once the router has chosen the handler, so every
 * spelling of a path that reaches it is limited alike and no path list is kept here. It
 * runs after the role rules ({@link PreAuthorizeBeforeBinding}): a caller without the
 * role learns nothing about the route's bodies, not even their limit.
 */
@Component
class HandlerBodyLimits implements HandlerInterceptor, WebMvcConfigurer {

	/** Per handler method: its limit in bytes, or -1 (looked up once). */
	private final Map<Method, Long> limits = new ConcurrentHashMap<>();

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// After the role rules, which are registered with the default order 0.
		registry.addInterceptor(this).order(1);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method) {
			long limit = this.limits.computeIfAbsent(method.getMethod(), (key) -> limitOf(method));
			if (limit >= 0) {
				BodySizeLimitFilter.limitTo(request, limit);
			}
		}
		return true;
	}

	private static long limitOf(HandlerMethod method) {
		BodyLimit limit = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), BodyLimit.class);
		if (limit == null) {
			limit = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), BodyLimit.class);
		}
		return (limit != null) ? limit.bytes() : -1;
	}

}
