/**
 * The dashboard's bar charts (Chart.js on a canvas): one colour, no animation, no legend, counts from zero in whole
 * numbers. Each chart's figures are also in a table next to it, its text alternative.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
  type ChartOptions,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

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
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { ...(look.label ? { label: look.label } : {}), data: values, backgroundColor: '#1d5fa8' },
        ],
      },
      options: { animation: false, ...look.options, plugins: { legend: { display: false } } },
    });
    return () => chart.destroy();
  }, [labels.join('\u0000'), values.join(',')]);
  return canvas;
}
