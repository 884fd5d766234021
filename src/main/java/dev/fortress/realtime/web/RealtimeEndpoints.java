package dev.fortress.realtime.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.web.PublicEndpoints;

/** A drop's counter is as public as the drop: shoppers watch it without logging in. */
@Configuration(proxyBeanMethods = false)
class RealtimeEndpoints {

	@Bean
	PublicEndpoints dropStreamsArePublic() {
		return PublicEndpoints.get("/api/v1/drops/*/stream");
	}

}
