package dev.fortress.notifications.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.config.FortressProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
class NotificationsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(NotificationsConfiguration.class);

	/** SMTP when a host is configured, else {@code .eml} files in the data directory. */
	@Bean
	Mailer mailer(NotificationsProperties properties, FortressProperties fortress) {
		if (properties.smtp()) {
			log.info("Mail: SMTP {}:{}", properties.smtpHost(), properties.smtpPort());
			return new SmtpMailer(properties);
		}
		EmlFileMailer files = new EmlFileMailer(properties,
				fortress.dataDir().resolve("mail").toAbsolutePath().normalize());
		log.info("Mail: written as .eml files to {} (set FORTRESS_SMTP_HOST to send)", files.directory());
		return files;
	}

}
