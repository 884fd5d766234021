package dev.fortress.platform.web;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gate 7: authorisation before validation for handlers with a role rule. Method security
 * checks {@code @PreAuthorize} when the controller method is called, which is after
 * Spring MVC has read, converted and validated every argument: a caller without the role
 * would learn from a {@code 400} what a valid body looks like before being told
 * {@code 403}. This interceptor evaluates the same rule, through Spring Security's own
 * {@link PreAuthorizeAuthorizationManager}, once the handler is known and before any
 * argument is bound; a refusal is the usual {@code 403} problem.
 * <p>
 * Rules that read the method's arguments ({@code #id}) cannot be decided yet and are left
 * to method security, which still checks every rule at the call as well.
 */
@Component
class PreAuthorizeBeforeBinding implements HandlerInterceptor, WebMvcConfigurer {

	private final PreAuthorizeAuthorizationManager rules = new PreAuthorizeAuthorizationManager();

	/**
	 * Per handler method: whether it has a rule decidable before binding (looked up
	 * once).
	 */
	private final Map<Method, Boolean> decidable = new ConcurrentHashMap<>();

	PreAuthorizeBeforeBinding(ApplicationContext context) {
		this.rules.setApplicationContext(context);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method
				&& this.decidable.computeIfAbsent(method.getMethod(), (key) -> decidableBeforeBinding(method))) {
			// A refusal throws AccessDeniedException, answered 403 like any other.
			this.rules.verify(SecurityContextHolder.getContextHolderStrategy().getContext()::getAuthentication,
					new UnboundInvocation(method));
		}
		return true;
	}

	private static boolean decidableBeforeBinding(HandlerMethod method) {
		PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), PreAuthorize.class);
		if (rule == null) {
			rule = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PreAuthorize.class);
		}
		return rule != null && !rule.value().contains("#");
	}

	/** The coming call of a handler method, before its arguments exist. */
	private record UnboundInvocation(HandlerMethod handler) implements MethodInvocation {

		@Override
		public Method getMethod() {
			return this.handler.getMethod();
		}

		@Override
		public Object[] getArguments() {
			return new Object[0];
		}

		@Override
		public @Nullable Object proceed() {
			throw new UnsupportedOperationException("Only evaluated, never called");
		}

		@Override
		public Object getThis() {
			return this.handler.getBean();
		}

		@Override
		public AccessibleObject getStaticPart() {
			return this.handler.getMethod();
		}

	}

}
