/** Builds the embeddable widget (web/widget) with esbuild into public/build/widget.js; rebuilds only when stale. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../services/log';
import type { BuiltFile } from '../../../tools/build/bundles';
import { bundleForBrowsers, ensureBuilt, isStale, ROOT, writeAtomically } from '../../../tools/build/bundles';

export { ROOT };
/** The built bundle (JS with the CSS and both languages' strings inlined). */
export const WIDGET_OUT = path.join(ROOT, 'public/build/widget.js');
const ENTRY = path.join(ROOT, 'web/widget/main.ts');
const SOURCES = [
  path.join(ROOT, 'web/widget'),
  path.join(ROOT, 'locales/en/widget.json'),
  path.join(ROOT, 'locales/ms/widget.json'),
];

/** Raw and gzipped size of a build. */
export type BuildResult = BuiltFile;

/** True when the bundle is missing or older than any widget source or widget string file. */
export function widgetIsStale(): boolean {
  return isStale([WIDGET_OUT], SOURCES);
}

/** Build the widget now (minified IIFE, written atomically) and report its sizes. */
export async function buildWidget(): Promise<BuildResult> {
  const files = await bundleForBrowsers({
    entryPoints: [ENTRY],
    outfile: WIDGET_OUT,
    // styles.css is inlined as a string (the shadow root's <style>), minified by esbuild's own CSS minifier.
    plugins: [
      {
        name: 'minified-css-text',
        setup(b) {
          b.onLoad({ filter: /\.css$/ }, async (args) => {
            const css = await readFile(args.path, 'utf8');
            const min = await b.esbuild.transform(css, { loader: 'css', minify: true, target: ['chrome87'] });
            return { contents: min.code.trim(), loader: 'text' };
          });
        },
      },
    ],
    charset: 'utf8',
  });
  return writeAtomically(WIDGET_OUT, files[0]!.contents);
}

/** Build at start-up when stale; if esbuild is missing (production install), keep an existing bundle. */
export async function ensureWidgetBuilt(log: Logger): Promise<void> {
  await ensureBuilt(
    { name: 'webchat.widget', main: WIDGET_OUT, stale: widgetIsStale, build: buildWidget },
    log,
  );
}
