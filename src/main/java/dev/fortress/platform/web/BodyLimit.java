package dev.fortress.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler's own, smaller limit on its request body, for bodies whose largest valid form
 * is known (a checkout of at most so many lines). A body over it is refused {@code 413}
 * once the handler is known: by its {@code Content-Length} before anything is read, and
 * while it is read when it is chunked; so a huge body is not parsed in full only to fail
 * validation. The global limit ({@code fortress.http.max-body-size}) still applies to
 * every request before routing. On a method or on the controller class.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BodyLimit {

	/** The largest body accepted, in bytes. */
	long bytes();

}
