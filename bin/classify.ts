/** Batch classifier: one complaint per stdin line → one JSON object per stdout line (empty lines skipped). */
import { createInterface } from 'node:readline';
import { classify, getDefaultRouter, type RouteWhy } from '../services/routing';

/** Classifies and routes one line; never throws. */
export function classifyLine(text: string): Record<string, unknown> {
  try {
    const c = classify(text);
    let agency: string | null = null;
    let agencyName: { en: string; ms: string } | null = null;
    let why: RouteWhy | null = null;
    try {
      const router = getDefaultRouter();
      const d = router.route({ category: c.category, text });
      agency = d.agencyId;
      agencyName = agency ? (router.agency(agency)?.name ?? null) : null;
      why = d.why;
    } catch {
      agency = null;
    }
    const { category, confidence, alternatives } = c;
    return { text, category, agency, agencyName, why, confidence, alternatives };
  } catch {
    return {
      text,
      category: 'other',
      agency: null,
      agencyName: null,
      why: null,
      confidence: 0,
      alternatives: [],
    };
  }
}

async function main(): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const raw of rl) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) continue;
    if (!process.stdout.write(JSON.stringify(classifyLine(line)) + '\n')) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
}

if (require.main === module) {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  main().catch((err: Error) => {
    process.stderr.write(`classify: ${err.message}\n`);
    process.exit(1);
  });
}
