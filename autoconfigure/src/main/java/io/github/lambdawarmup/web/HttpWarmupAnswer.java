package io.github.lambdawarmup.web;

import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.InvalidWarmupEventException;
import io.github.lambdawarmup.WarmupErrorAnswer;
import io.github.lambdawarmup.WarmupEvent;
import io.github.lambdawarmup.WarmupInterceptor;

/**
 * The answer to a warm-up that arrived as an HTTP request marked with the {@value HttpWarmupRequests#HEADER}
 * header: its HTTP status and JSON body. The body may be empty (a plain warm-up) or a warm-up event; a
 * fan-out trigger is refused, and any other body is answered as invalid.
 *
 * @param status the HTTP status
 * @param json the JSON body
 */
record HttpWarmupAnswer(int status, byte[] json) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] EMPTY_WARMUP = WarmupEvent.WarmUp.single(WarmupEvent.Source.LAMBDA_WARMUP).toJson();

	static HttpWarmupAnswer of(WarmupInterceptor interceptor, byte[] body, Invocation invocation) {
		Optional<WarmupInterceptor.Answer> answer = interceptor
			.interceptWarmUp((body.length == 0) ? EMPTY_WARMUP : body, invocation);
		if (answer.isEmpty()) {
			return invalid("the request carries the " + HttpWarmupRequests.HEADER
					+ " header but its body is not a warm-up event");
		}
		int status = switch (answer.get().kind()) {
			case WARM, FAN_OUT, STATUS -> 200;
			case INVALID -> 400;
			case REFUSED -> 403;
		};
		return new HttpWarmupAnswer(status, answer.get().json());
	}

	static HttpWarmupAnswer invalid(InvalidWarmupEventException ex) {
		return invalid(ex.getMessage());
	}

	private static HttpWarmupAnswer invalid(String message) {
		return new HttpWarmupAnswer(400, JSON.writeValueAsBytes(WarmupErrorAnswer.invalid(message)));
	}

}
