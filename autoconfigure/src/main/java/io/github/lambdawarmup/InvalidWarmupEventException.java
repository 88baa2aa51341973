package io.github.lambdawarmup;

/**
 * Thrown when an event claims to be a warm-up but cannot be honoured: malformed JSON, a field of the
 * wrong type, or a value out of bounds. The message says which field and why.
 */
public class InvalidWarmupEventException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public InvalidWarmupEventException(String message) {
		super(message);
	}

	public InvalidWarmupEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
