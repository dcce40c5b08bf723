/** What the chart bundle (charts/entry.ts) publishes for the app bundle. */
import type { Chart } from 'chart.js';

declare global {
  interface Window {
    SuaraCharts?: { Chart: typeof Chart };
  }
}
