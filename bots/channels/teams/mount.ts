/**
 * `POST /api/teams/messages` on the one restify server: botbuilder's CloudAdapter authenticates the Bot Framework
 * JWT (ConfigurationBotFrameworkAuthentication from TEAMS_APP_*), then the teams-ai Application runs the turn.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify from 'restify';
import type { Localizer } from '../../../services/i18n';
import { silentLogger, type Logger } from '../../../services/log';
import { teamsLanguage } from './app';
import type { TeamsConfig } from './config';

/** The route Teams (through Azure Bot Service) posts activities to. */
export const TEAMS_MESSAGES_PATH = '/api/teams/messages';

/** Largest activity accepted (Teams activities with cards stay far below this). */
export const MAX_BODY_BYTES = 512 * 1024;

/** A CloudAdapter for the Teams app registration, with a localized apology when a turn fails. */
export function createTeamsAdapter(
  config: Pick<TeamsConfig, 'appId' | 'appPassword' | 'tenantId' | 'appType'>,
  opts: { l10n?: Localizer; log?: Logger } = {},
): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  const log = opts.log ?? silentLogger;
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error('teams turn failed', { code: (error as { code?: string }).code ?? error.name });
    if (!opts.l10n || context.activity.type !== 'message') return;
    await context
      .sendActivity(opts.l10n.t(teamsLanguage(context), 'teams:errors.INTERNAL'))
      .catch(() => undefined);
  };
  return adapter;
}

/** Add `POST /api/teams/messages`: parse the JSON body (size-limited), then let the adapter run the app. */
export function mountTeams(server: restify.Server, app: Application<TurnState>, adapter: CloudAdapter): void {
  server.post(
    TEAMS_MESSAGES_PATH,
    restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }),
    async (req: restify.Request, res: restify.Response) => {
      await adapter.process(req, res, async (context) => {
        await app.run(context);
      });
    },
  );
}
