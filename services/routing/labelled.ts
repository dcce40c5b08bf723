/**
 * The labelled texts in data/labelled (JSON lines) and the learned model trained on them once per process.
 * public311.jsonl is a held-out set of public reports: it is never used for training.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CATEGORY_IDS } from '../agencies/types';
import { LearnedModel, type LabelledText } from './learned';
import { tokens } from './text';

/** Where the labelled sets live. */
export const LABELLED_DIR = join(__dirname, '..', '..', 'data', 'labelled');
/** Files that are evaluation-only and must never reach training. */
export const HELD_OUT_FILES: ReadonlySet<string> = new Set(['public311.jsonl']);

const rowSchema = z
  .object({
    text: z.string().min(1),
    category: z.enum(CATEGORY_IDS),
    lang: z.enum(['en', 'ms', 'mixed']).optional(),
    state: z.string().optional(),
    kind: z.enum(['local', 'national', 'utility']).optional(),
    body: z.string().nullable().optional(),
  })
  .passthrough();

/** One labelled line (extra fields such as `agency`, `source` are kept). */
export type LabelledRow = z.infer<typeof rowSchema>;

/** Reads one JSON-lines file; throws with the file and line number on a bad line. */
export function readLabelled(path: string): LabelledRow[] {
  const rows: LabelledRow[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = rowSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      rows.push(parsed.data);
    });
  return rows;
}

/** Every training text in a directory (all *.jsonl except the held-out files). */
export function readTrainingSet(dir = LABELLED_DIR): LabelledRow[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && !HELD_OUT_FILES.has(f))
    .sort()
    .flatMap((f) => readLabelled(join(dir, f)));
}

/** FNV-1a hash of a text: a split that does not move when lines are added or reordered. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** True for the ~1 in 5 of our own texts kept out of training when measuring (deterministic). */
export function isHeldOut(text: string): boolean {
  return hash(text) % 5 === 0;
}

/** Trains the learned model on labelled rows (tokenised as the classifier tokenises). */
export function trainModel(rows: readonly LabelledText[]): LearnedModel {
  return LearnedModel.train(rows, tokens);
}

let defaultModel: LearnedModel | null | undefined;

/** The model trained on the repository's labelled texts, built on first use; null if the files are unreadable. */
export function getDefaultModel(): LearnedModel | null {
  if (defaultModel === undefined) {
    try {
      defaultModel = trainModel(readTrainingSet());
    } catch {
      defaultModel = null;
    }
  }
  return defaultModel;
}
