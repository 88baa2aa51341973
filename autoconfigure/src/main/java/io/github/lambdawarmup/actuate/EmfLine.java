package io.github.lambdawarmup.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One log line in CloudWatch's Embedded Metric Format: the {@code _aws} metadata names the metrics and
 * their dimensions, and the same object carries their values and any other properties, searchable with
 * Logs Insights. Lambda sends what a function writes to CloudWatch Logs, which extracts the metrics with
 * no API call.
 */
final class EmfLine {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String namespace;

	private final long timestampMs;

	private final List<String> dimensions = new ArrayList<>();

	private final List<Map<String, String>> metrics = new ArrayList<>();

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
			this.metrics.add(Map.of("Name", name, "Unit", unit));
			this.values.put(name, value);
		}
		return this;
	}

	/** A property that is no metric: searchable in the logs, not charted. */
	EmfLine property(String name, @Nullable Object value) {
		if (value != null) {
			this.values.put(name, value);
		}
		return this;
	}

	String toJson() {
		Map<String, Object> directive = new LinkedHashMap<>();
		directive.put("Namespace", this.namespace);
		directive.put("Dimensions", List.of(List.copyOf(this.dimensions)));
		directive.put("Metrics", this.metrics);
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("_aws", Map.of("Timestamp", this.timestampMs, "CloudWatchMetrics", List.of(directive)));
		line.putAll(this.values);
		return JSON.writeValueAsString(line);
	}

}
