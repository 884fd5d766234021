package dev.fortress.tasks.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

/**
 * Text that PostgreSQL can store: no NUL character. PostgreSQL rejects {@code \u0000} in
 * {@code text} and {@code jsonb}, so without this check a JSON string like
 * {@code "a\u0000b"} (valid JSON) reached the database and came back as a 500.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[^\\x00]*")
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@interface PlainText {

	@OverridesAttribute(constraint = Pattern.class, name = "message")
	String message() default "must not contain NUL characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
