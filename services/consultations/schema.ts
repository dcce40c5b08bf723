/** Validates consultation data (the repo's data file, or an agency's upload) with zod and loads it. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConsultationDataError } from './errors';
import type { Consultation } from './types';

/** Default location of the seed file. */
export const CONSULTATIONS_FILE = resolve(__dirname, '..', '..', 'data', 'consultations.json');

const ID = /^[a-z][a-z0-9_-]{0,62}$/;
const text = (max: number) => z.string().trim().min(1).max(max);
const bilingual = (max: number) => z.object({ en: text(max), ms: text(max) }).strict();
const id = z.string().regex(ID, 'lowercase letters, digits, "-" or "_", starting with a letter');

const choice = z
  .object({
    id,
    kind: z.literal('choice'),
    text: bilingual(500),
    required: z.boolean().default(true),
    options: z
      .array(z.object({ id, label: bilingual(60) }).strict())
      .min(2)
      .max(8),
  })
  .strict();
const scale = z
  .object({
    id,
    kind: z.literal('scale'),
    text: bilingual(500),
    required: z.boolean().default(true),
    low: bilingual(60),
    high: bilingual(60),
  })
  .strict();
const freeText = z
  .object({
    id,
    kind: z.literal('text'),
    text: bilingual(500),
    required: z.boolean().default(false),
    maxLength: z.number().int().min(20).max(2000).default(1000),
  })
  .strict();

/** One consultation as authored (dates as ISO 8601 with an offset). */
export const consultationSchema = z
  .object({
    id,
    agencyId: id,
    title: bilingual(160),
    summary: bilingual(1200),
    url: z.string().url().startsWith('https://').optional(),
    opensAt: z
      .string()
      .datetime({ offset: true })
      .transform((s) => new Date(s)),
    closesAt: z
      .string()
      .datetime({ offset: true })
      .transform((s) => new Date(s)),
    questions: z
      .array(z.discriminatedUnion('kind', [choice, scale, freeText]))
      .min(1)
      .max(20),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.closesAt.getTime() <= c.opensAt.getTime()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['closesAt'], message: 'must be after opensAt' });
    }
    const seen = new Set<string>();
    c.questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['questions', i, 'id'], message: 'duplicate' });
      seen.add(q.id);
      if (q.kind === 'choice' && new Set(q.options.map((o) => o.id)).size !== q.options.length) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['questions', i, 'options'],
          message: 'duplicate option id',
        });
      }
    });
  });

/** The data file: a note for humans and the consultations. */
export const consultationsFileSchema = z.object({
  note: z.string().optional(),
  consultations: z.array(consultationSchema),
});

/** Parse consultations from already-read JSON; `knownAgencies` (if given) must contain every agencyId. */
export function parseConsultations(raw: unknown, knownAgencies?: ReadonlySet<string>): Consultation[] {
  const parsed = consultationsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConsultationDataError(
      `consultations: ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`,
    );
  }
  const list = parsed.data.consultations as Consultation[];
  const ids = new Set<string>();
  for (const c of list) {
    if (ids.has(c.id)) throw new ConsultationDataError(`consultations: duplicate id "${c.id}"`);
    ids.add(c.id);
    if (knownAgencies && !knownAgencies.has(c.agencyId)) {
      throw new ConsultationDataError(`consultations: "${c.id}" names unknown agency "${c.agencyId}"`);
    }
  }
  return list;
}

/** Read and validate the consultations data file. */
export function loadConsultations(
  file = CONSULTATIONS_FILE,
  knownAgencies?: ReadonlySet<string>,
): Consultation[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConsultationDataError(`consultations: cannot read ${file}: ${(err as Error).message}`);
  }
  return parseConsultations(raw, knownAgencies);
}
