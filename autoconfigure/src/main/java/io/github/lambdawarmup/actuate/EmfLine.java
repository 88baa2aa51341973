package io.github.lambdawarmup.actuate;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One log line in CloudWatch's Embedded Metric Format: the {@code _aws} metadata names the metrics and
 * their dimensions, and the same object carries their values and any other properties, searchable with
 * Logs Insights. Lambda sends what a function writes to CloudWatch Logs, which extracts the metrics with
 * no API call.
 */
final class EmfLine {

	// Written token by token: a user's cold start writes the first line during its first invocation, and a
	// mapper of its own serialising maps cost that invocation 12 ms on Lambda's C1-only JVM (emf-cost benchmark).
	private static final JsonFactory JSON = new JsonFactory();

	private final String namespace;

	private final long timestampMs;

	private final List<String> dimensions = new ArrayList<>();

	private final Map<String, String> metricUnits = new LinkedHashMap<>();

	private final Map<String, Object> values = new LinkedHashMap<>();

	EmfLine(String namespace, long timestampMs) {
		this.namespace = namespace;
		this.timestampMs = timestampMs;
	}

	/** A dimension of every metric of the line; left out when its value is unknown. */
	EmfLine dimension(String name, @Nullable String value) {
		if (value != null) {
			this.dimensions.add(name);
			this.values.put(name, value);
		}
		return this;
	}

	/** A metric; left out when its value is unknown. */
	EmfLine metric(String name, @Nullable Number value, String unit) {
		if (value != null) {
			this.metricUnits.put(name, unit);
			this.values.put(name, value);
		}
		return this;
	}

	/** A property that is no metric: searchable in the logs, not charted. */
	EmfLine property(String name, @Nullable String value) {
		if (value != null) {
			this.values.put(name, value);
		}
		return this;
	}

	String toJson() {
		StringWriter out = new StringWriter(512);
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			json.writeStartObject();
			json.writeName("_aws");
			json.writeStartObject();
			json.writeNumberProperty("Timestamp", this.timestampMs);
			json.writeArrayPropertyStart("CloudWatchMetrics");
			json.writeStartObject();
			json.writeStringProperty("Namespace", this.namespace);
			json.writeArrayPropertyStart("Dimensions");
			json.writeStartArray();
			for (String dimension : this.dimensions) {
				json.writeString(dimension);
			}
			json.writeEndArray();
			json.writeEndArray();
			json.writeArrayPropertyStart("Metrics");
			for (Map.Entry<String, String> metric : this.metricUnits.entrySet()) {
				json.writeStartObject();
				json.writeStringProperty("Name", metric.getKey());
				json.writeStringProperty("Unit", metric.getValue());
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeEndObject();
			json.writeEndArray();
			json.writeEndObject();
			for (Map.Entry<String, Object> value : this.values.entrySet()) {
				json.writeName(value.getKey());
				write(json, value.getValue());
			}
			json.writeEndObject();
		}
		return out.toString();
	}

	private static void write(JsonGenerator json, Object value) {
		if (value instanceof String text) {
			json.writeString(text);
		}
		else if (value instanceof Double || value instanceof Float) {
			json.writeNumber(((Number) value).doubleValue());
		}
		else {
			json.writeNumber(((Number) value).longValue());
		}
	}

}
