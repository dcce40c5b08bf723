/** Build the embeddable web chat widget into public/build/ and print its raw and gzipped sizes. */
import path from 'node:path';
import { buildWidget } from '../bots/channels/webchat/widgetBuild';
import { buildOpenData } from '../bots/http/openData/bundle';

/** Gzipped size budget for the widget (JavaScript and CSS together), in bytes. */
const BUDGET_GZIP = 25 * 1024;

async function main(): Promise<void> {
  const r = await buildWidget();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write(
    `${path.relative(process.cwd(), r.file)}: ${r.bytes} bytes raw (${kb(r.bytes)}), ${r.gzipBytes} bytes gzipped (${kb(r.gzipBytes)}); budget ${kb(BUDGET_GZIP)} gzipped\n`,
  );
  const od = await buildOpenData(); // the open-data page's charts (Chart.js)
  process.stdout.write(`${path.relative(process.cwd(), od.file)}: ${od.bytes} bytes raw\n`);
  if (r.gzipBytes > BUDGET_GZIP) {
    process.stderr.write('widget.js is over its gzipped size budget\n');
    process.exitCode = 1;
  }
}

main().catch((e: Error) => {
  process.stderr.write(`build failed: ${e.message}\n`);
  process.exitCode = 1;
});
