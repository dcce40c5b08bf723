/** Turning grouped answer counts into per-question results for staff. Pure functions. */
import type { Language } from '../feedback/types';
import { SCALE_MAX, SCALE_MIN, type Consultation, type ConsultationResults } from './types';

/** One group from the aggregation: how many answered `questionId` with `value`. */
export interface AnswerCount {
  questionId: string;
  value: string | number | null;
  count: number;
}

/** Build results: every option and scale point present (zeros included), exact means, text answer counts. */
export function buildResults(
  c: Consultation,
  responses: number,
  byLanguage: Partial<Record<Language, number>>,
  groups: readonly AnswerCount[],
): ConsultationResults {
  const questions = c.questions.map((q) => {
    // Values the questions no longer know (data edited after answers came in) are left out of every figure.
    const mine = groups.filter((g) => g.questionId === q.id);
    if (q.kind === 'text')
      return { questionId: q.id, kind: 'text' as const, answered: mine.reduce((n, g) => n + g.count, 0) };
    if (q.kind === 'choice') {
      const counts = Object.fromEntries(q.options.map((o) => [o.id, 0]));
      for (const g of mine) if (typeof g.value === 'string' && g.value in counts) counts[g.value]! += g.count;
      const answered = Object.values(counts).reduce((n, v) => n + v, 0);
      return { questionId: q.id, kind: 'choice' as const, answered, counts };
    }
    const counts: Record<string, number> = {};
    for (let v = SCALE_MIN; v <= SCALE_MAX; v++) counts[String(v)] = 0;
    let sum = 0;
    let answered = 0;
    for (const g of mine) {
      const key = String(g.value);
      if (typeof g.value === 'number' && key in counts) {
        counts[key]! += g.count;
        sum += g.value * g.count;
        answered += g.count;
      }
    }
    const mean = answered > 0 ? Math.round((sum / answered) * 100) / 100 : null;
    return { questionId: q.id, kind: 'scale' as const, answered, counts, mean };
  });
  return {
    consultationId: c.id,
    responses,
    byLanguage: { en: byLanguage.en ?? 0, ms: byLanguage.ms ?? 0 },
    questions,
  };
}
