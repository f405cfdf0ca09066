package org.sslpipeline.driver.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

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
                points.append(RunReport.fmt("%.1f,%.1f ", x, y));
                svg.append(RunReport.fmt("<circle cx='%.1f' cy='%.1f' r='3' fill='%s'><title>%s: %s</title></circle>%n",
                        x, y, color, RunReport.html(s.name()), RunReport.fmt("%.4f", s.ys().get(p))));
            }
            svg.append(RunReport.fmt("<polyline points='%s' fill='none' stroke='%s' stroke-width='1.5'/>%n", points.toString().trim(), color));
        }
        return plot.close(svg, series);
    }

    /** Bars from zero, one group per category and one bar per series in it. */
    static String bars(List<String> categories, List<Series> series, String xLabel, String yLabel) {
        Plot plot = new Plot(0, categories.size(), 0, maxOf(series));
        StringBuilder svg = plot.open(xLabel, yLabel);
        double slot = 0.8 / series.size();
        for (int c = 0; c < categories.size(); c++) {
            plot.xTick(svg, c + 0.5, categories.get(c));
            for (int i = 0; i < series.size(); i++) {
                plot.bar(svg, c + 0.1 + i * slot, c + 0.1 + (i + 1) * slot, series.get(i).ys().get(c), i,
                        categories.get(c) + ", " + series.get(i).name());
            }
        }
        return plot.close(svg, series.size() > 1 ? series : List.of());
    }

    /**
     * One bar per bin of {@code values.size()} equal bins of [0, 1] (counts, or a share per bin), with a dashed
     * line at {@code marker}.
     */
    static String histogram(List<Double> values, String xLabel, String yLabel, double marker, String markerName) {
        Plot plot = new Plot(0, 1, 0, maxOf(List.of(Series.ofValues(yLabel, values))));
        StringBuilder svg = plot.open(xLabel, yLabel);
        for (int tick = 0; tick <= 5; tick++) plot.xTick(svg, tick / 5.0, RunReport.fmt("%.1f", tick / 5.0));
        double width = 1.0 / values.size();
        for (int b = 0; b < values.size(); b++) {
            plot.bar(svg, b * width, (b + 1) * width, values.get(b), 0,
                    RunReport.fmt("confidence %.2f to %.2f", b * width, (b + 1) * width));
        }
        double x = plot.x(marker);
        svg.append(RunReport.fmt("<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='black' stroke-dasharray='4 3'/>%n", x, TOP, x, HEIGHT - BOTTOM));
        svg.append(RunReport.fmt("<text x='%.1f' y='%d'>%s</text>%n", x + 4, TOP + 10, RunReport.html(markerName)));
        return plot.close(svg, List.of());
    }

    private static double maxOf(List<Series> series) {
        double max = 0;
        for (Series s : series) for (double y : s.ys()) max = Math.max(max, y);
        return max > 0 ? max : 1;
    }

    /** Data ranges mapped onto the drawing area, with the axes, ticks and legend every chart shares. */
    private record Plot(double xMin, double xMax, double yMin, double yMax, double yStep) {
        /** The y range widened to whole steps of a round size (1, 2 or 5 times a power of ten). */
        Plot(double xMin, double xMax, double yLow, double yHigh) {
            this(xMin, xMax, yLow, yHigh, roundStep((yHigh - yLow) / Y_TICKS));
        }

        Plot {
            yMin = Math.floor(yMin / yStep + 1e-9) * yStep;
            yMax = Math.max(yMin + yStep, Math.ceil(yMax / yStep - 1e-9) * yStep);
        }

        private static double roundStep(double raw) {
            double power = Math.pow(10, Math.floor(Math.log10(raw > 0 ? raw : 1)));
            for (double factor : new double[] {1, 2, 2.5, 5}) if (factor * power >= raw) return factor * power;
            return 10 * power;
        }

        double x(double value) {
            double span = xMax > xMin ? xMax - xMin : 1;
            return LEFT + (value - xMin) / span * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return HEIGHT - BOTTOM - (value - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
        }

        StringBuilder open(String xLabel, String yLabel) {
            StringBuilder svg = new StringBuilder(RunReport.fmt(
                    "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>%n",
                    WIDTH, HEIGHT));
            svg.append(RunReport.fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n", LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
            svg.append(RunReport.fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
            for (double value = yMin; value <= yMax + yStep / 2; value += yStep) {
                svg.append(RunReport.fmt("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>%n", LEFT, y(value), WIDTH - RIGHT, y(value)));
                svg.append(RunReport.fmt("<text x='%d' y='%.1f' text-anchor='end'>%s</text>%n", LEFT - 4, y(value) + 4,
                        BigDecimal.valueOf(value).setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()));
            }
            svg.append(RunReport.fmt("<text x='%d' y='%d' text-anchor='middle'>%s</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, RunReport.html(xLabel)));
            svg.append(RunReport.fmt("<text x='12' y='%d' text-anchor='middle' transform='rotate(-90 12 %d)'>%s</text>%n",
                    (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, RunReport.html(yLabel)));
            return svg;
        }

        void numericXTicks(StringBuilder svg) {
            double step = Math.max(1, Math.ceil((xMax - xMin) / 10));
            for (double value = xMin; value <= xMax + 1e-9; value += step) xTick(svg, value, RunReport.fmt("%.0f", value));
        }

        /** A bar from x = from to x = to, of the given height, in the colour of series {@code color}. */
        void bar(StringBuilder svg, double from, double to, double value, int color, String name) {
            svg.append(RunReport.fmt("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s: %s</title></rect>%n",
                    x(from), y(value), Math.max(1, x(to) - x(from) - 1), y(yMin) - y(value), COLORS[color % COLORS.length],
                    RunReport.html(name), RunReport.fmt(value == Math.rint(value) ? "%.0f" : "%.4f", value)));
        }

        void xTick(StringBuilder svg, double value, String name) {
            svg.append(RunReport.fmt("<text x='%.1f' y='%d' text-anchor='middle'>%s</text>%n", x(value), HEIGHT - BOTTOM + 14, RunReport.html(name)));
        }

        String close(StringBuilder svg, List<Series> legend) {
            double left = LEFT + 8;
            for (int i = 0; i < legend.size(); i++) {
                svg.append(RunReport.fmt("<rect x='%.1f' y='6' width='10' height='10' fill='%s'/>", left, COLORS[i % COLORS.length]));
                svg.append(RunReport.fmt("<text x='%.1f' y='15'>%s</text>%n", left + 14, RunReport.html(legend.get(i).name())));
                left += 24 + 6.5 * legend.get(i).name().length();
            }
            return svg.append("</svg>\n").toString();
        }
    }
}
