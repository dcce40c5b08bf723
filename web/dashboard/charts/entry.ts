/**
 * Entry point of the dashboard's chart bundle (public/build/dashboard-charts.js): Chart.js with only the parts the
 * bar charts use, published as `window.SuaraCharts`. Loaded by components/barChart.ts the first time a view draws a
 * chart, so the inbox and the item view (most of a staff officer's day) never download it.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
window.SuaraCharts = { Chart };
