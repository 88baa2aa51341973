package io.github.lambdawarmup.benchmarks.fleet;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The comparison as a page a person would rather look at than read: per trace, charts of user cold starts and
 * monthly cost by strategy (JFreeChart, embedded as PNG), then the table.
 */
final class HtmlReport {

	private HtmlReport() {
	}

	static void write(Path file, String title, String settings, List<List<FleetRun.Result>> byTrace) {
		StringBuilder html = new StringBuilder();
		html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(escape(title))
			.append("</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}"
					+ "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
					+ "td:first-child,th:first-child{text-align:left}</style></head><body>");
		html.append("<h1>").append(escape(title)).append("</h1><p>").append(escape(settings)).append("</p>");
		for (List<FleetRun.Result> results : byTrace) {
			String trace = results.get(0).trace();
			html.append("<h2>").append(escape(trace)).append("</h2>");
			DefaultCategoryDataset cold = new DefaultCategoryDataset();
			DefaultCategoryDataset cost = new DefaultCategoryDataset();
			for (FleetRun.Result result : results) {
				cold.addValue(result.coldShare(), "user requests that paid a cold start (%)", result.strategy());
				cost.addValue(Math.max(0.01, result.monthlyUsd()), "USD a month", result.strategy());
			}
			html.append(image(ChartFactory.createBarChart("User cold starts, " + trace, null, "% of user requests", cold,
					PlotOrientation.HORIZONTAL, false, false, false), false));
			html.append(image(ChartFactory.createBarChart("Monthly cost, " + trace, null, "USD (log scale)", cost,
					PlotOrientation.HORIZONTAL, false, false, false), true));
			html.append(FleetReport.table(results, true));
		}
		html.append("</body></html>");
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, html.toString(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static String image(JFreeChart chart, boolean logScale) {
		chart.setBackgroundPaint(Color.WHITE);
		if (logScale) {
			CategoryPlot plot = chart.getCategoryPlot();
			LogAxis axis = new LogAxis("USD a month (log scale)");
			axis.setSmallestValue(0.01);
			plot.setRangeAxis(axis);
		}
		BufferedImage image = chart.createBufferedImage(1000, 380);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return "<p><img alt=\"" + escape(chart.getTitle().getText()) + "\" src=\"data:image/png;base64,"
				+ Base64.getEncoder().encodeToString(png.toByteArray()) + "\"></p>";
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%,.2f", value);
	}

}
