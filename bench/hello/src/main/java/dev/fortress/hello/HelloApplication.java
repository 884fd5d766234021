package dev.fortress.hello;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest application with Fortress's web starters: one public {@code GET /hello}
 * and the actuator's health probes, behind Spring Security's default filter chain
 * (everything else needs authentication). The benchmark measures Fortress's gates against
 * it in the same run.
 */
@SpringBootApplication
@RestController
public class HelloApplication {

	public static void main(String[] args) {
		SpringApplication.run(HelloApplication.class, args);
	}

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@Bean
	SecurityFilterChain security(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests(requests -> requests.requestMatchers("/hello", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.httpBasic(basic -> {
			})
			.build();
	}

}
