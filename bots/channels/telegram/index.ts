/** The Telegram channel's public surface for the composition root. */
export { createTelegramChannel, type TelegramChannel, type TelegramChannelOptions } from './channel';
export { loadTelegramConfig, type TelegramConfig } from './config';
export { TelegramAdapter } from './adapter';
export { TELEGRAM_CHANNEL_ID } from './inbound';
