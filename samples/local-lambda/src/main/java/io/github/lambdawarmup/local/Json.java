package io.github.lambdawarmup.local;

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

}
