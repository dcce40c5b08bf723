/** Dialog ids: constants, so a typo is a compile error. */
export const MAIN_DIALOG = 'main';
export const FILE_FEEDBACK_DIALOG = 'fileFeedback';
export const CONTACT_DIALOG = 'contact';
export const STATUS_DIALOG = 'checkStatus';
export const LANGUAGE_DIALOG = 'language';
export const PRIVACY_DIALOG = 'privacy';
export const RATING_DIALOG = 'rating';
export const ASK_PROMPT = 'ask';
