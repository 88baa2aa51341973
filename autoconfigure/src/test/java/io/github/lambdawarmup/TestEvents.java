package io.github.lambdawarmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Real event JSON of every event family a Lambda function receives, kept under
 * {@code src/test/resources/events}. Several carry warm-up look-alikes in nested places (bodies,
 * messages, details), where they must not be taken for warm-ups.
 */
public final class TestEvents {

	/** Every event that is not a warm-up. */
	public static final List<String> NOT_WARMUPS = List.of("apigateway-rest.json", "apigateway-http-v2.json",
			"alb.json", "function-url.json", "sqs.json", "sns.json", "s3.json", "dynamodb.json", "kinesis.json",
			"eventbridge-scheduled.json", "eventbridge-custom.json", "cognito-pre-signup.json", "plain-string.json",
			"array.json", "empty.json", "not-json.json", "order.json", "order-utf8.json");

	private TestEvents() {
	}

	public static byte[] load(String name) {
		try (InputStream in = TestEvents.class.getResourceAsStream("/events/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no test event " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] utf8(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
