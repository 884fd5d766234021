package dev.fortress.webapp.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.fortress.platform.web.PublicEndpoints;
import dev.fortress.platform.web.WebAppPaths;

/**
 * Serves the app's files from {@code classpath:/webapp/assets/} (Spring's own static
 * resource mappings stay off, so nothing else on the class path is ever served) and opens
 * the app's pages and files to visitors without a token: they are the same for everyone,
 * and everything they show comes from the API, which checks the caller on every call.
 */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// Revalidated on every load: modules import each other by plain names, so a stale
		// copy of one beside a fresh copy of another would break the app after an
		// upgrade.
		registry.addResourceHandler(WebAppPaths.ASSETS)
			.addResourceLocations("classpath:/webapp/assets/")
			.setCacheControl(CacheControl.noCache());
	}

	@Bean
	PublicEndpoints webAppPages() {
		List<String> patterns = new ArrayList<>(WebAppPaths.PAGES);
		patterns.add(WebAppPaths.ASSETS);
		return new PublicEndpoints(org.springframework.http.HttpMethod.GET, patterns);
	}

}
