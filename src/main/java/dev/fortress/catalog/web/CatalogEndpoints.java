package dev.fortress.catalog.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.web.PublicEndpoints;

/** Browsing the catalog needs no account. */
@Configuration(proxyBeanMethods = false)
class CatalogEndpoints {

	@Bean
	PublicEndpoints catalogPublicReads() {
		return PublicEndpoints.get("/api/v1/products", "/api/v1/products/*");
	}

}
