/**
 * The consultation a conversation was opened for, from the start payload every channel passes the same way:
 * `activity.value.suara.start = 'c-<id>'` (Telegram `/start c-<id>`; the widget's `data-consultation` sends an
 * `event` named `start` with that value).
 */
import type { Activity } from 'botbuilder';
import { consultationFromStart } from '../services/consultations/deepLink';

/** Name of the event activity a web client sends to pass its start payload. */
export const START_EVENT = 'start';

/** The consultation id this activity's start payload links to, or undefined. */
export function consultationLink(activity: Partial<Activity>): string | undefined {
  const value = activity.value as { suara?: { start?: unknown } } | undefined;
  return consultationFromStart(value?.suara?.start) ?? undefined;
}
