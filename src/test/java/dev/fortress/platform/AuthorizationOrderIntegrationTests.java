package dev.fortress.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of the answers: a request no handler serves gets the router's answer (404, or
 * 405 with {@code Allow}) whoever sends it; then authentication (401); then authorisation
 * (403); only then is the input read and validated (400).
 */
class AuthorizationOrderIntegrationTests extends IntegrationTest {

	private static final String MALFORMED = "{\"a\":";

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void aWrongMethodOnAPublicPathIs405WithAllow() {
		assertNotAllowed(this.http.delete("/api/v1/auth/login").send(), "POST");
		assertNotAllowed(this.http.get("/api/v1/auth/register").send(), "POST");
		assertNotAllowed(this.http.put("/api/v1/auth/refresh", Map.of()).send(), "POST");
		assertNotAllowed(this.http.post("/.well-known/jwks.json", Map.of()).send(), "GET");
		assertNotAllowed(this.http.delete("/api/v1/products").send(), "GET", "POST");
	}

	@Test
	void aWrongMethodOnAProtectedPathIs405ForAnonymousCallersToo() {
		assertNotAllowed(this.http.delete("/api/v1/me").send(), "GET");
		assertNotAllowed(this.http.delete("/api/v1/me").token("not-a-token").send(), "GET");
		assertNotAllowed(this.http.delete("/api/v1/me").token(loggedIn("EDITOR").accessToken()).send(), "GET");
	}

	@Test
	void anUnknownPathIs404WhateverTheCredentials() {
		assertProblem(this.http.get("/api/v1/nowhere").send(), 404, "not-found");
		assertProblem(this.http.post("/api/v1/nowhere", Map.of()).send(), 404, "not-found");
		assertProblem(this.http.get("/api/v1/nowhere").token("not-a-token").send(), 404, "not-found");
		assertProblem(this.http.get("/api/v1/nowhere").token(loggedIn("EDITOR").accessToken()).send(), 404,
				"not-found");
		assertProblem(this.http.get("/api/v1/admin/nowhere").send(), 404, "not-found");
	}

	@Test
	void aPathThatExistsStillNeedsAToken() {
		Http.Response anonymous = this.http.get("/api/v1/me").send();
		assertProblem(anonymous, 401, "unauthorized");
		assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
		Http.Response forged = this.http.get("/api/v1/projects/" + UUID.randomUUID()).token("not-a-token").send();
		assertProblem(forged, 401, "unauthorized");
		assertThat(forged.header("WWW-Authenticate")).contains("invalid_token");
		assertProblem(this.http.patch("/api/v1/products/" + UUID.randomUUID(), MALFORMED).send(), 401, "unauthorized");
		assertProblem(this.http.get("/api/v1/admin/users").send(), 401, "unauthorized");
	}

	/**
	 * Every handler with a role rule is found through the router, so a new one is checked
	 * the day it is added: callers without the role are refused before their (malformed)
	 * body, parameters or headers are looked at.
	 */
	@Test
	void everyRoleRestrictedRouteAuthorisesBeforeItValidates() {
		LoggedIn viewer = loggedIn("VIEWER");
		LoggedIn editor = loggedIn("EDITOR");
		List<String> checked = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			PreAuthorize rule = roleRule(handler);
			if (rule == null) {
				return;
			}
			for (String route : routes(info)) {
				checked.add(route);
				assertRefusedBeforeValidation(route, viewer);
				if (!rule.value().contains("EDITOR")) {
					assertRefusedBeforeValidation(route, editor);
				}
			}
		});
		assertThat(checked).contains("POST /api/v1/products", "PATCH /api/v1/products/{id}",
				"PUT /api/v1/inventory/{sku}", "POST /api/v1/drops", "PATCH /api/v1/admin/users/{id}",
				"POST /api/v1/projects", "PUT /api/v1/cart/items/{sku}", "DELETE /api/v1/cart/items/{sku}",
				"POST /api/v1/orders", "POST /api/v1/orders/{id}/cancel");
	}

	@Test
	void theRoleRulesLetTheRightRolesThroughToValidation() {
		LoggedIn admin = loggedIn("ADMIN");
		assertProblem(this.http.post("/api/v1/products", MALFORMED).token(admin.accessToken()).send(), 400,
				"malformed-request");
		LoggedIn editor = loggedIn("EDITOR");
		assertProblem(this.http.post("/api/v1/projects", MALFORMED).token(editor.accessToken()).send(), 400,
				"malformed-request");
		assertProblem(this.http.post("/api/v1/orders", MALFORMED)
			.token(editor.accessToken())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.send(), 400, "malformed-request");
		LoggedIn viewer = loggedIn("VIEWER");
		assertThat(this.http.get("/api/v1/cart").token(viewer.accessToken()).send().status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/orders").token(viewer.accessToken()).send().status()).isEqualTo(200);
	}

	private void assertRefusedBeforeValidation(String route, LoggedIn caller) {
		String[] methodAndPath = route.split(" ");
		String path = methodAndPath[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
		Http.Call call = switch (methodAndPath[0]) {
			case "POST" -> this.http.post(path, MALFORMED);
			case "PUT" -> this.http.put(path, MALFORMED);
			case "PATCH" -> this.http.patch(path, MALFORMED);
			case "DELETE" -> this.http.delete(path);
			default -> this.http.get(path);
		};
		Http.Response response = call.token(caller.accessToken()).send();
		assertThat(response.status()).as("%s by a caller without the role: %s", route, response).isEqualTo(403);
		assertProblem(response, 403, "forbidden");
	}

	private static PreAuthorize roleRule(HandlerMethod handler) {
		PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
		return rule != null ? rule
				: AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
	}

	private static List<String> routes(RequestMappingInfo info) {
		List<String> routes = new ArrayList<>();
		info.getMethodsCondition()
			.getMethods()
			.forEach(method -> info.getPatternValues().forEach(path -> routes.add(method.name() + " " + path)));
		return routes;
	}

	private static void assertNotAllowed(Http.Response response, String... allowed) {
		assertProblem(response, 405, "method-not-allowed");
		assertThat(response.header("Allow")).as(response.toString()).contains(allowed);
	}

}
