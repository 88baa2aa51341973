package io.github.lambdawarmup.benchmarks.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * User traffic for a simulated month: arrivals (and, where a trace gives them, durations) scheduled one
 * after the other in virtual time, so that a month of millions of requests never sits in memory at once.
 */
abstract class Traffic {

	private static final long MINUTE = 60_000;

	private final String name;

	Traffic(String name) {
		this.name = name;
	}

	/** A short name, for tables. */
	final String name() {
		return this.name;
	}

	/** Schedules the traffic from virtual time 0 to {@code endMs} on the fleet. */
	abstract void start(Fleet fleet, long endMs, SplittableRandom random);

	/** Steady Poisson arrivals at a fixed rate. */
	static Traffic steady(double perSecond) {
		return new RateTraffic("steady " + perSecond + "/s", perSecond, (t) -> perSecond);
	}

	/**
	 * Busy weekdays, quiet nights and weekends: a smooth day between 07:00 and 21:00 UTC rising to
	 * {@code peakPerSecond} at 14:00, {@code nightPerSecond} otherwise and all weekend.
	 */
	static Traffic diurnal(double peakPerSecond, double nightPerSecond) {
		return new RateTraffic("diurnal", peakPerSecond, (t) -> {
			ZonedDateTime at = ZonedDateTime.ofInstant(VirtualTime.EPOCH.plusMillis(t), ZoneOffset.UTC);
			boolean weekend = at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
			double hour = at.getHour() + at.getMinute() / 60.0;
			if (weekend || hour < 7 || hour >= 21) {
				return nightPerSecond;
			}
			double day = Math.sin(Math.PI * (hour - 7) / 14);
			return nightPerSecond + (peakPerSecond - nightPerSecond) * day * day;
		});
	}

	/**
	 * A quiet base with sudden bursts: on average every {@code burstEveryHours}, a burst of 20 to
	 * {@code maxBurst} requests within 50 ms, so that they are concurrent.
	 */
	static Traffic bursty(double basePerSecond, double burstEveryHours, int maxBurst) {
		return new Traffic("bursty") {

			@Override
			void start(Fleet fleet, long endMs, SplittableRandom random) {
				steady(basePerSecond).start(fleet, endMs, random.split());
				SplittableRandom bursts = random.split();
				scheduleBurst(fleet, endMs, bursts, nextExponential(bursts, burstEveryHours * 3_600_000));
			}

			private void scheduleBurst(Fleet fleet, long endMs, SplittableRandom random, long at) {
				if (at >= endMs) {
					return;
				}
				fleet.time().at(at, () -> {
					int size = 20 + random.nextInt(Math.max(1, maxBurst - 19));
					for (int i = 0; i < size; i++) {
						long offset = random.nextLong(50);
						fleet.time().at(at + offset, () -> fleet.userRequest(fleet.model().drawUserDurationMs(random)));
					}
					scheduleBurst(fleet, endMs, random, at + nextExponential(random, burstEveryHours * 3_600_000));
				});
			}

		};
	}

	/**
	 * Invocations per minute, as CloudWatch's {@code Invocations} metric exports them or as the Azure Functions
	 * 2019 trace gives them: each minute's arrivals spread evenly at random within it, the series repeated to
	 * fill the month.
	 */
	static Traffic perMinute(String name, long[] perMinute) {
		return new Traffic(name) {

			@Override
			void start(Fleet fleet, long endMs, SplittableRandom random) {
				scheduleMinute(fleet, endMs, random, 0);
			}

			private void scheduleMinute(Fleet fleet, long endMs, SplittableRandom random, long minute) {
				long at = minute * MINUTE;
				if (at >= endMs || perMinute.length == 0) {
					return;
				}
				fleet.time().at(at, () -> {
					long count = perMinute[(int) (minute % perMinute.length)];
					for (long i = 0; i < count; i++) {
						fleet.time().at(at + random.nextLong(MINUTE),
								() -> fleet.userRequest(fleet.model().drawUserDurationMs(random)));
					}
					scheduleMinute(fleet, endMs, random, minute + 1);
				});
			}

		};
	}

	/** Requests at given virtual times, each {@code {atMs, durationMs}}: a scripted scenario. */
	static Traffic scripted(String name, List<long[]> requests) {
		return new Traffic(name) {

			@Override
			void start(Fleet fleet, long endMs, SplittableRandom random) {
				for (long[] request : requests) {
					if (request[0] < endMs) {
						fleet.time().at(request[0], () -> fleet.userRequest(request[1]));
					}
				}
			}

		};
	}

	/** A request log: each line {@code timestamp,durationMs}, the timestamp in ISO-8601 or epoch milliseconds. */
	static Traffic requestLog(Path file) {
		List<long[]> requests = new ArrayList<>();
		long first = Long.MAX_VALUE;
		for (String line : lines(file)) {
			String[] fields = line.split(",");
			if (fields.length < 2 || !Character.isDigit(fields[1].strip().charAt(0))) {
				continue;
			}
			String stamp = fields[0].strip();
			long at = Character.isDigit(stamp.charAt(0)) && !stamp.contains("-") ? Long.parseLong(stamp)
					: Instant.parse(stamp).toEpochMilli();
			first = Math.min(first, at);
			requests.add(new long[] { at, Math.round(Double.parseDouble(fields[1].strip())) });
		}
		long origin = first;
		requests.sort((a, b) -> Long.compare(a[0], b[0]));
		long span = requests.isEmpty() ? 1 : requests.get(requests.size() - 1)[0] - origin + 1;
		return new Traffic(file.getFileName().toString()) {

			@Override
			void start(Fleet fleet, long endMs, SplittableRandom random) {
				schedule(fleet, endMs, 0, 0);
			}

			// The log repeats to fill the month.
			private void schedule(Fleet fleet, long endMs, int index, long shift) {
				if (requests.isEmpty()) {
					return;
				}
				long[] request = requests.get(index);
				long at = request[0] - origin + shift;
				if (at >= endMs) {
					return;
				}
				fleet.time().at(at, () -> {
					fleet.userRequest(Math.max(1, request[1]));
					boolean wraps = index + 1 == requests.size();
					schedule(fleet, endMs, wraps ? 0 : index + 1, wraps ? shift + span : shift);
				});
			}

		};
	}

	/**
	 * CloudWatch metrics exported as CSV: {@code timestamp,Invocations} per minute (a header line and other
	 * columns are skipped).
	 */
	static Traffic cloudWatch(Path file) {
		List<Long> counts = new ArrayList<>();
		for (String line : lines(file)) {
			String[] fields = line.split(",");
			if (fields.length >= 2 && !fields[1].isBlank() && Character.isDigit(fields[1].strip().charAt(0))) {
				counts.add(Math.round(Double.parseDouble(fields[1].strip())));
			}
		}
		return perMinute(file.getFileName().toString(), counts.stream().mapToLong(Long::longValue).toArray());
	}

	/**
	 * One function of the Azure Functions 2019 trace, chosen by its {@code HashFunction} or, when none is given,
	 * the function with the most invocations. Two layouts are read: the dataset's own
	 * ({@code invocations_per_function_md.anon.dNN.csv}: {@code HashOwner,HashApp,HashFunction,Trigger,1,...,1440})
	 * and the samples vHive's In-Vitro publishes ({@code HashFunction,HashApp,HashOwner,minute_1,...}); the header
	 * says where the hash and the minutes are.
	 */
	static Traffic azure2019(Path file, @Nullable String function) {
		return azure2019(file.getFileName().toString(), lines(file), function);
	}

	/**
	 * A function of the public Azure Functions 2019 trace bundled with the benchmarks (see
	 * {@code traces/README.md}): one day of a function with a quiet base and bursts of 10 to 20 invocations in a
	 * minute, 1,244 invocations in all.
	 */
	static Traffic publicAzureFunction() {
		String resource = "traces/" + PUBLIC_AZURE_FUNCTION;
		try (InputStream in = Traffic.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("No " + resource + " on the class path");
			}
			List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
			return azure2019(resource, lines, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

	static final String PUBLIC_AZURE_FUNCTION = "azure-2019-invitro-88a43b1b.csv";

	private static Traffic azure2019(String source, List<String> lines, @Nullable String function) {
		if (lines.isEmpty()) {
			throw new IllegalArgumentException(source + " is empty");
		}
		List<String> header = List.of(lines.get(0).split(","));
		int hashColumn = header.indexOf("HashFunction");
		int firstMinute = Math.max(header.indexOf("1"), header.indexOf("minute_1"));
		if (hashColumn < 0 || firstMinute < 0) {
			throw new IllegalArgumentException(source + " is not in the Azure Functions 2019 layout: its header has no "
					+ "HashFunction column or no minute 1 (\"1\" or \"minute_1\")");
		}
		long[] best = null;
		String bestName = null;
		long bestTotal = -1;
		for (String line : lines.subList(1, lines.size())) {
			String[] fields = line.split(",");
			if (fields.length <= firstMinute) {
				continue;
			}
			long[] minutes = new long[fields.length - firstMinute];
			long total = 0;
			for (int i = firstMinute; i < fields.length; i++) {
				minutes[i - firstMinute] = Long.parseLong(fields[i].strip());
				total += minutes[i - firstMinute];
			}
			boolean chosen = (function != null && !function.isEmpty()) ? fields[hashColumn].equals(function)
					: total > bestTotal;
			if (chosen) {
				best = minutes;
				bestName = fields[hashColumn];
				bestTotal = total;
			}
		}
		if (best == null || bestName == null) {
			throw new IllegalArgumentException("no function " + function + " in " + source);
		}
		return perMinute("azure-2019 " + bestName.substring(0, Math.min(8, bestName.length())), best);
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	static long nextExponential(SplittableRandom random, double meanMs) {
		return Math.max(1, Math.round(-Math.log(1.0 - random.nextDouble()) * meanMs));
	}

	/** Poisson arrivals at a rate that varies with time, drawn by thinning. */
	private static final class RateTraffic extends Traffic {

		private final double maxPerSecond;

		private final LongToDoubleFunction perSecond;

		RateTraffic(String name, double maxPerSecond, LongToDoubleFunction perSecond) {
			super(name);
			this.maxPerSecond = maxPerSecond;
			this.perSecond = perSecond;
		}

		@Override
		void start(Fleet fleet, long endMs, SplittableRandom random) {
			next(fleet, endMs, random, 0);
		}

		private void next(Fleet fleet, long endMs, SplittableRandom random, long after) {
			long at = after;
			while (true) {
				at += nextExponential(random, 1000.0 / this.maxPerSecond);
				if (at >= endMs) {
					return;
				}
				if (random.nextDouble() * this.maxPerSecond <= this.perSecond.applyAsDouble(at)) {
					break;
				}
			}
			long arrival = at;
			fleet.time().at(arrival, () -> {
				fleet.userRequest(fleet.model().drawUserDurationMs(random));
				next(fleet, endMs, random, arrival);
			});
		}

	}

}
