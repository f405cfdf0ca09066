package org.sslpipeline.driver.run;

import java.util.List;
import java.util.Locale;

/**
 * The two chart shapes of {@link RunReport}, as inline SVG: no script and no external file, so a report opens
 * offline in any browser and can be mailed as one file.
 */
final class SvgCharts {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 280;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 48;
    private static final int Y_TICKS = 4;

    private SvgCharts() {}

    /** A named series; for {@link #lines} the points (x, y), for {@link #bars} one value per category. */
    record Series(String name, List<Double> xs, List<Double> ys) {
        static Series ofValues(String name, List<Double> values) {
            return new Series(name, List.of(), values);
        }
    }

    /**
     * Points joined by lines, one colour per series. The y axis spans the data (with a margin), not from zero:
     * these charts compare accuracies a few points apart.
     *
     * @param xNames names for the x positions 1, 2, ... instead of numbers; empty for a numeric x axis
     */
    static String lines(List<Series> series, List<String> xNames, String xLabel, String yLabel) {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double x : s.xs()) { xMin = Math.min(xMin, x); xMax = Math.max(xMax, x); }
            for (double y : s.ys()) { yMin = Math.min(yMin, y); yMax = Math.max(yMax, y); }
        }
        if (xMin > xMax) return "<p>No points yet.</p>";
        double margin = Math.max(0.005, (yMax - yMin) * 0.1);
        Plot plot = new Plot(xNames.isEmpty() ? xMin : 0.5, xNames.isEmpty() ? xMax : xNames.size() + 0.5,
                yMin - margin, yMax + margin);
        StringBuilder svg = plot.open(xLabel, yLabel);
        if (xNames.isEmpty()) {
            plot.numericXTicks(svg);
        } else {
            for (int i = 0; i < xNames.size(); i++) plot.xTick(svg, i + 1, xNames.get(i));
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = COLORS[i % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (int p = 0; p < s.xs().size(); p++) {
                double x = plot.x(s.xs().get(p)), y = plot.y(s.ys().get(p));
                points.append(fmt("%.1f,%.1f ", x, y));
                svg.append(fmt("<circle cx='%.1f' cy='%.1f' r='3' fill='%s'><title>%s: %s</title></circle>%n",
                        x, y, color, RunReport.html(s.name()), fmt("%.4f", s.ys().get(p))));
            }
            svg.append(fmt("<polyline points='%s' fill='none' stroke='%s' stroke-width='1.5'/>%n", points.toString().trim(), color));
        }
        return plot.close(svg, series);
    }

    /**
     * Bars from zero, one group per category and one bar per series in it.
     *
     * @param markerAt where to draw a dashed vertical line, as a fraction of the category axis (NaN for none)
     */
    static String bars(List<String> categories, List<Series> series, String xLabel, String yLabel,
                       double markerAt, String markerName) {
        double yMax = 0;
        for (Series s : series) for (double y : s.ys()) yMax = Math.max(yMax, y);
        Plot plot = new Plot(0, categories.size(), 0, yMax > 0 ? yMax * 1.05 : 1);
        StringBuilder svg = plot.open(xLabel, yLabel);
        double slot = (plot.x(1) - plot.x(0)) * 0.8 / series.size();
        boolean everyName = categories.size() <= 12;
        for (int c = 0; c < categories.size(); c++) {
            if (everyName || c % 4 == 0) plot.xTick(svg, c + 0.5, categories.get(c));
            for (int i = 0; i < series.size(); i++) {
                double value = series.get(i).ys().get(c);
                double left = plot.x(c) + (plot.x(1) - plot.x(0)) * 0.1 + i * slot;
                svg.append(fmt("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s, %s: %s</title></rect>%n",
                        left, plot.y(value), Math.max(1, slot - 1), plot.y(0) - plot.y(value), COLORS[i % COLORS.length],
                        RunReport.html(categories.get(c)), RunReport.html(series.get(i).name()), fmt("%.0f", value)));
            }
        }
        if (!Double.isNaN(markerAt)) {
            double x = plot.x(markerAt * categories.size());
            svg.append(fmt("<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='black' stroke-dasharray='4 3'/>%n", x, TOP, x, HEIGHT - BOTTOM));
            svg.append(fmt("<text x='%.1f' y='%d' font-size='11'>%s</text>%n", x + 4, TOP + 10, RunReport.html(markerName)));
        }
        return plot.close(svg, series.size() > 1 ? series : List.of());
    }

    /** Data ranges mapped onto the drawing area, with the axes, ticks and legend every chart shares. */
    private record Plot(double xMin, double xMax, double yMin, double yMax) {
        double x(double value) {
            double span = xMax > xMin ? xMax - xMin : 1;
            return LEFT + (value - xMin) / span * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return HEIGHT - BOTTOM - (value - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
        }

        StringBuilder open(String xLabel, String yLabel) {
            StringBuilder svg = new StringBuilder(fmt(
                    "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>%n",
                    WIDTH, HEIGHT));
            svg.append(fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n", LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
            svg.append(fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
            boolean counts = yMax - yMin > 10;
            for (int t = 0; t <= Y_TICKS; t++) {
                double value = yMin + (yMax - yMin) * t / Y_TICKS;
                svg.append(fmt("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>%n", LEFT, y(value), WIDTH - RIGHT, y(value)));
                svg.append(fmt("<text x='%d' y='%.1f' text-anchor='end'>%s</text>%n", LEFT - 4, y(value) + 4,
                        counts ? fmt("%.0f", value) : fmt("%.3f", value)));
            }
            svg.append(fmt("<text x='%d' y='%d' text-anchor='middle'>%s</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, RunReport.html(xLabel)));
            svg.append(fmt("<text x='12' y='%d' text-anchor='middle' transform='rotate(-90 12 %d)'>%s</text>%n",
                    (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, RunReport.html(yLabel)));
            return svg;
        }

        void numericXTicks(StringBuilder svg) {
            double step = Math.max(1, Math.ceil((xMax - xMin) / 10));
            for (double value = xMin; value <= xMax + 1e-9; value += step) xTick(svg, value, fmt("%.0f", value));
        }

        void xTick(StringBuilder svg, double value, String name) {
            svg.append(fmt("<text x='%.1f' y='%d' text-anchor='middle'>%s</text>%n", x(value), HEIGHT - BOTTOM + 14, RunReport.html(name)));
        }

        String close(StringBuilder svg, List<Series> legend) {
            double left = LEFT + 8;
            for (int i = 0; i < legend.size(); i++) {
                svg.append(fmt("<rect x='%.1f' y='6' width='10' height='10' fill='%s'/>", left, COLORS[i % COLORS.length]));
                svg.append(fmt("<text x='%.1f' y='15'>%s</text>%n", left + 14, RunReport.html(legend.get(i).name())));
                left += 24 + 6.5 * legend.get(i).name().length();
            }
            return svg.append("</svg>\n").toString();
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
