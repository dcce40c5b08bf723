/** Checking a citizen's answers against a consultation's questions. Pure functions. */
import { InvalidConsultationResponseError } from './errors';
import { SCALE_MAX, SCALE_MIN, type Answer, type Consultation } from './types';

/** True when the consultation accepts responses at `now` (opensAt inclusive, closesAt exclusive). */
export function isOpen(c: Pick<Consultation, 'opensAt' | 'closesAt'>, now: Date): boolean {
  const t = now.getTime();
  return t >= c.opensAt.getTime() && t < c.closesAt.getTime();
}

/** Validate and normalise answers (trimmed text, question order); throws InvalidConsultationResponseError. */
export function checkAnswers(c: Consultation, answers: readonly Answer[]): Answer[] {
  const byQuestion = new Map<string, Answer>();
  for (const a of answers) {
    if (byQuestion.has(a.questionId))
      throw new InvalidConsultationResponseError(`question "${a.questionId}" answered twice`);
    byQuestion.set(a.questionId, a);
  }
  const out: Answer[] = [];
  for (const q of c.questions) {
    const a = byQuestion.get(q.id);
    byQuestion.delete(q.id);
    if (!a) {
      if (q.required) throw new InvalidConsultationResponseError(`question "${q.id}" is required`);
      continue;
    }
    if (a.kind !== q.kind)
      throw new InvalidConsultationResponseError(`question "${q.id}" expects a ${q.kind} answer`);
    if (q.kind === 'choice') {
      if (typeof a.value !== 'string' || !q.options.some((o) => o.id === a.value)) {
        throw new InvalidConsultationResponseError(`question "${q.id}" has no option "${String(a.value)}"`);
      }
      out.push({ questionId: q.id, kind: 'choice', value: a.value });
    } else if (q.kind === 'scale') {
      const v = a.value;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < SCALE_MIN || v > SCALE_MAX) {
        throw new InvalidConsultationResponseError(
          `question "${q.id}" needs a whole number ${SCALE_MIN}-${SCALE_MAX}`,
        );
      }
      out.push({ questionId: q.id, kind: 'scale', value: v });
    } else {
      const v = typeof a.value === 'string' ? a.value.trim() : '';
      if (v.length === 0 || v.length > q.maxLength) {
        throw new InvalidConsultationResponseError(`question "${q.id}" needs 1-${q.maxLength} characters`);
      }
      out.push({ questionId: q.id, kind: 'text', value: v });
    }
  }
  const unknown = [...byQuestion.keys()];
  if (unknown.length > 0) throw new InvalidConsultationResponseError(`unknown question "${unknown[0]}"`);
  return out;
}
