/**
 * The dashboard's bar charts (Chart.js on a canvas): one colour, no animation, no legend, counts from zero in whole
 * numbers. Each chart's figures are also in a table next to it, its text alternative.
 */
import type { Chart, ChartOptions } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

/** Where the chart bundle is served (bots/http/dashboard/page.ts). */
const CHARTS_SRC = '/dashboard/charts.js';
let loading: Promise<typeof Chart> | undefined;

/**
 * Chart.js, from its own bundle, loaded once on first use (the inbox never needs it). A failed load is retried by the
 * next chart; meanwhile each chart's table shows the same figures.
 */
export function loadCharts(): Promise<typeof Chart> {
  const ready = window.SuaraCharts;
  if (ready) return Promise.resolve(ready.Chart);
  loading ??= new Promise<typeof Chart>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = CHARTS_SRC;
    script.onload = () =>
      window.SuaraCharts ? resolve(window.SuaraCharts.Chart) : reject(new Error('no charts'));
    script.onerror = () => {
      script.remove();
      loading = undefined;
      reject(new Error('charts did not load'));
    };
    document.head.append(script);
  });
  return loading;
}

/** How one chart differs from the rest: its bars' name, its layout and its scales. */
export interface BarChartLook {
  /** The dataset's name (the tooltip's). */
  label?: string;
  options: ChartOptions<'bar'>;
}

/**
 * A ref for a canvas that shows `values` as bars under `labels`, drawn again when the figures change and removed
 * with the canvas.
 */
export function useBarChart(labels: string[], values: number[], look: BarChartLook) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: Chart<'bar'> | undefined;
    let gone = false;
    loadCharts()
      .then((ChartJs) => {
        if (gone || !canvas.current) return;
        chart = new ChartJs(canvas.current, {
          type: 'bar',
          data: {
            labels,
            datasets: [
              { ...(look.label ? { label: look.label } : {}), data: values, backgroundColor: '#1d5fa8' },
            ],
          },
          options: { animation: false, ...look.options, plugins: { legend: { display: false } } },
        });
      })
      .catch(() => undefined); // the table beside the canvas has the figures
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [labels.join('\u0000'), values.join(',')]);
  return canvas;
}
