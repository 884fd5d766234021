package dev.fortress.orders.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Picks the reservation strategy at start-up, so a misspelt name fails fast. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OrdersConfiguration {

	@Bean
	ReservationStrategy reservationStrategy(ReservationStrategies strategies) {
		return strategies.configured();
	}

}
