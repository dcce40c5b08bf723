/**
 * Words that work at any point of any flow: cancel/batal, help/bantuan, menu, BM/English, status <ref>, and the
 * rating buttons. Handled once on the root dialog context (the CancelAndHelpDialog idea, applied to every flow).
 */
import type { StatePropertyAccessor } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { findReferenceLike } from '../services/feedback/reference';
import { consultationLink } from './deepLink';
import { LANGUAGE_DIALOG, MAIN_DIALOG, PRIVACY_DIALOG, RATING_DIALOG, STATUS_DIALOG } from './ids';
import { applyLanguage, type UserProfile } from './languageDialog';
import type { MainOptions } from './mainDialog';
import type { DialogDeps } from './ports';
import { normalise } from './prompts/parsers';
import type { PrivacyOptions } from './privacyDialog';
import { RATE_PATTERN, type RatingOptions } from './ratingDialog';
import type { StatusOptions } from './statusDialog';
import { turnLanguage } from './turn';

const CANCEL = new Set([
  'cancel',
  'batal',
  'batalkan',
  'stop',
  'berhenti',
  'quit',
  'exit',
  'keluar',
  '/cancel',
]);
const HELP = new Set(['help', 'bantuan', 'tolong', '?', '/help', 'bantu']);
const MENU = new Set([
  'menu',
  'menu utama',
  'main menu',
  '/menu',
  'start',
  'mula',
  '/start',
  'hi',
  'hai',
  'hello',
  'helo',
]);
const TO_MALAY = new Set(['bm', 'bahasa melayu', 'melayu', 'malay', 'bahasa malaysia']);
const TO_ENGLISH = new Set(['english', 'bahasa inggeris', 'inggeris', 'in english']);
const CHOOSE_LANGUAGE = new Set([
  'bahasa',
  'language',
  '/bahasa',
  '/language',
  'tukar bahasa',
  'change language',
]);
/** "What do you hold about me?" and "erase my data" (PDPA), in both languages. */
const MY_DATA = new Set([
  'data saya',
  'my data',
  '/mydata',
  '/datasaya',
  'lihat data saya',
  'see my data',
  'show my data',
  'data peribadi saya',
  'my personal data',
]);
const DOWNLOAD_MY_DATA = new Set([
  'muat turun data saya',
  'download my data',
  'export my data',
  'eksport data saya',
]);
const ERASE_MY_DATA = new Set([
  'padam data saya',
  'erase my data',
  'delete my data',
  'hapus data saya',
  'padamkan data saya',
]);
const STATUS = /^(?:\/?status|semak|semak status|check|check status)\s+(.+)$/i;

/**
 * Start an interruption's dialog (language, status, rating) over the current flow. An interruption typed while
 * another one is open replaces it instead of piling up: otherwise, once answered, the one below asks again.
 */
export async function startOver(dc: DialogContext, dialogId: string, options?: object): Promise<void> {
  if (dc.activeDialog && dc.activeDialog.id !== MAIN_DIALOG) await dc.replaceDialog(dialogId, options);
  else await dc.beginDialog(dialogId, options);
}

/** The context running `dialogId` anywhere in the stack (inside the main flow too), if any. */
function openContext(dc: DialogContext, dialogId: string): DialogContext | undefined {
  for (let c: DialogContext | undefined = dc; c; c = c.child) if (c.activeDialog?.id === dialogId) return c;
  return undefined;
}

/** Handle an interruption if the message is one; returns true when it was handled. */
export async function interrupt(
  dc: DialogContext,
  deps: DialogDeps,
  profile: StatePropertyAccessor<UserProfile>,
): Promise<boolean> {
  const raw = (dc.context.activity.text ?? '').trim();
  const rating = RATE_PATTERN.exec(raw);
  if (rating) {
    await startOver(dc, RATING_DIALOG, {
      reference: rating[1]!,
      score: Number(rating[2]),
    } satisfies RatingOptions);
    return true;
  }
  const text = normalise(raw);
  const { t } = deps.l10n;
  const resume = async () => {
    if (dc.activeDialog) await dc.repromptDialog();
    else await dc.beginDialog(MAIN_DIALOG, { greet: false } satisfies MainOptions);
  };
  if (CANCEL.has(text)) {
    await dc.cancelAllDialogs();
    await dc.context.sendActivity(t(turnLanguage(dc.context), 'cancelled'));
    await dc.beginDialog(MAIN_DIALOG, { again: true } satisfies MainOptions);
    return true;
  }
  if (MENU.has(text) || deps.l10n.all('privacy.back').some((b) => normalise(b) === text)) {
    const first = !dc.activeDialog;
    await dc.cancelAllDialogs();
    const consultationId = consultationLink(dc.context.activity);
    await dc.beginDialog(MAIN_DIALOG, {
      greet: first,
      ...(consultationId ? { consultationId } : {}),
    } satisfies MainOptions);
    return true;
  }
  if (HELP.has(text)) {
    await dc.context.sendActivity(t(turnLanguage(dc.context), 'help'));
    await resume();
    return true;
  }
  const lang = TO_MALAY.has(text) ? 'ms' : TO_ENGLISH.has(text) ? 'en' : null;
  if (lang) {
    await applyLanguage(dc.context, profile, lang);
    await dc.context.sendActivity(t(lang, 'language.set'));
    // Answering the open language question by typing the language: that question is answered, so close it and go
    // back to whatever was asked before it (not ask "which language?" again).
    if (dc.activeDialog?.id === LANGUAGE_DIALOG) await dc.endDialog();
    else await resume();
    return true;
  }
  if (CHOOSE_LANGUAGE.has(text)) {
    await startOver(dc, LANGUAGE_DIALOG);
    return true;
  }
  const privacy = MY_DATA.has(text)
    ? 'myData'
    : DOWNLOAD_MY_DATA.has(text)
      ? 'download'
      : ERASE_MY_DATA.has(text)
        ? 'erase'
        : null;
  if (privacy) {
    // Already in the privacy dialog (perhaps inside the menu's flow): start it again where asked, in its place.
    const open = openContext(dc, PRIVACY_DIALOG);
    if (open) await open.replaceDialog(PRIVACY_DIALOG, { open: privacy } satisfies PrivacyOptions);
    else await startOver(dc, PRIVACY_DIALOG, { open: privacy } satisfies PrivacyOptions);
    return true;
  }
  const status = STATUS.exec(raw);
  if (status && findReferenceLike(status[1]!)) {
    await startOver(dc, STATUS_DIALOG, { reference: status[1]!.trim() } satisfies StatusOptions);
    return true;
  }
  return false;
}
