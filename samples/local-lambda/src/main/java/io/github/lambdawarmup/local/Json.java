package io.github.lambdawarmup.local;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON the service writes: error documents whose shape is fixed by the real service.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	/** An error document of the Lambda APIs: {@code errorMessage} first, then {@code errorType}. */
	static byte[] error(String errorType, String errorMessage) {
		Map<String, String> document = new LinkedHashMap<>();
		document.put("errorMessage", errorMessage);
		document.put("errorType", errorType);
		return write(document);
	}

}
