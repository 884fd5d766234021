package dev.fortress.inventory.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.web.PublicEndpoints;

/**
 * Stock levels and drops are public reads: shoppers watch a drop's countdown and what is
 * left without logging in. Writes stay ADMIN-only.
 */
@Configuration(proxyBeanMethods = false)
class InventoryEndpoints {

	@Bean
	PublicEndpoints inventoryPublicReads() {
		return PublicEndpoints.get("/api/v1/inventory/*", "/api/v1/drops/*");
	}

}
