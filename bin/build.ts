/** Build the browser code into public/build/ (the web chat widget and the staff dashboard) and print their sizes. */
import path from 'node:path';
import { buildDashboard } from '../bots/http/dashboard/bundle';
import { buildWidget } from '../bots/channels/webchat/widgetBuild';
import { buildOpenData } from '../bots/http/openData/bundle';

/** Gzipped size budget for the widget (JavaScript and CSS together), in bytes. */
const BUDGET_GZIP = 25 * 1024;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const line = (r: { file: string; bytes: number; gzipBytes: number }) =>
  `${path.relative(process.cwd(), r.file)}: ${r.bytes} bytes raw (${kb(r.bytes)}), ${r.gzipBytes} bytes gzipped (${kb(r.gzipBytes)})`;

async function main(): Promise<void> {
  const r = await buildWidget();
  process.stdout.write(`${line(r)}; budget ${kb(BUDGET_GZIP)} gzipped\n`);
  const od = await buildOpenData(); // the open-data page's charts (Chart.js)
  process.stdout.write(`${line(od)}\n`);
  if (r.gzipBytes > BUDGET_GZIP) {
    process.stderr.write('widget.js is over its gzipped size budget\n');
    process.exitCode = 1;
  }
  const d = await buildDashboard();
  process.stdout.write(`${line(d.js)}\n${line(d.charts)}\n${line(d.css)}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`build failed: ${e.message}\n`);
  process.exitCode = 1;
});
