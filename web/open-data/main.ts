/**
 * The open-data page's charts: reads the chart specs the server embedded (#open-data-charts) and draws each on its
 * canvas with Chart.js. The tables under each chart hold the same figures (the charts' text alternative).
 * Suppressed figures (null) are left out of the drawing, never drawn as 0.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

interface ChartSpec {
  id: string;
  kind: 'bar' | 'hbar';
  label: string;
  labels: string[];
  values: (number | null)[];
}

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const BAR = '#1d5fa8';

function short(label: string): string {
  const max = window.innerWidth < 600 ? 16 : 32;
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function draw(spec: ChartSpec): void {
  const canvas = document.getElementById(spec.id);
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const horizontal = spec.kind === 'hbar';
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: [{ label: spec.label, data: spec.values, backgroundColor: BAR, borderRadius: 2 }],
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: {
        [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } },
        // Long names are shortened on the axis (the table under the chart has them in full).
        ...(horizontal
          ? { y: { ticks: { callback: (_v: unknown, i: number) => short(spec.labels[i] ?? '') } } }
          : {}),
      },
    },
  });
  canvas.closest('.chart')?.classList.add('drawn');
}

function main(): void {
  const el = document.getElementById('open-data-charts');
  if (!el?.textContent) return;
  const specs = JSON.parse(el.textContent) as ChartSpec[];
  for (const spec of specs) draw(spec);
  document.body.dataset.charts = String(specs.length);
}

main();
