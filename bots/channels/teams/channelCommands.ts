/**
 * `link` / `pautkan` and `unlink` / `nyahpaut`, typed in a Teams channel (mentioning the bot): an officer links the
 * channel to their own body (an admin names the body: `link dbkl`), and from then on each new item of that body is
 * posted there as a card. A channel serves one body; an officer can never link or unlink another body.
 */
import { MessageFactory, teamsGetChannelId, teamsGetTenant, type TurnContext } from 'botbuilder';
import type { Language } from '../../../services/feedback/types';
import type { Localizer } from '../../../services/i18n';
import type { Logger } from '../../../services/log';
import type { Reply } from './actions';
import type { ChannelAddress, TeamsChannelLinks } from './channelLinks';
import { TeamsError } from './errors';
import type { TeamsStaff } from './links';

/** What linking needs. */
export interface ChannelLinkingDeps {
  links: Pick<TeamsChannelLinks, 'link' | 'unlink'>;
  agencyName(id: string, lang: Language): string;
  l10n: Localizer;
  log: Logger;
}

/** Where the bot can post in the channel this activity came from; null outside a channel. */
export function channelAddressOf(context: TurnContext): ChannelAddress | null {
  const a = context.activity;
  if (a.conversation?.conversationType !== 'channel') return null;
  const teamsChannelId = teamsGetChannelId(a) ?? a.conversation.id.split(';')[0];
  if (!teamsChannelId || !a.serviceUrl || !a.recipient?.id) return null;
  const tenantId = a.conversation.tenantId ?? teamsGetTenant(a)?.id ?? undefined;
  return {
    serviceUrl: a.serviceUrl,
    teamsChannelId,
    botId: a.recipient.id,
    ...(tenantId ? { tenantId } : {}),
  };
}

/** Linking a body's Teams channel. */
export class ChannelLinking {
  constructor(private readonly deps: ChannelLinkingDeps) {}

  /** The body a command is about: the officer's own, or the one an admin names. */
  private bodyOf(staff: TeamsStaff, lang: Language, args: string): string {
    const named = args.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (staff.role === 'admin') {
      if (!named) throw new TeamsError('BODY_REQUIRED');
      if (this.deps.agencyName(named, lang) === named)
        throw new TeamsError('BODY_UNKNOWN', { input: named.slice(0, 40) });
      return named;
    }
    if (!staff.agencyId) throw new TeamsError('BODY_REQUIRED');
    if (named && named !== staff.agencyId)
      throw new TeamsError('BODY_NOT_YOURS', { agency: this.deps.agencyName(staff.agencyId, lang) });
    return staff.agencyId;
  }

  /** Link the channel of `context` to the body; its new items are posted here from now on. */
  async link(staff: TeamsStaff, lang: Language, context: TurnContext, args: string): Promise<Reply> {
    const address = channelAddressOf(context);
    if (!address) throw new TeamsError('CHANNEL_ONLY');
    const agencyId = this.bodyOf(staff, lang, args);
    const done = await this.deps.links.link(agencyId, address, { staffId: staff.staffId, language: lang });
    const name = (id: string) => this.deps.agencyName(id, lang);
    if (!done.ok) throw new TeamsError('CHANNEL_TAKEN', { agency: name(done.takenBy) });
    this.deps.log.info('teams channel linked', { staff: staff.staffId, agencyId });
    return MessageFactory.text(this.deps.l10n.t(lang, 'teams:done.linked', { agency: name(agencyId) }));
  }

  /** Stop posting the body's new items to Teams. */
  async unlink(staff: TeamsStaff, lang: Language, args: string): Promise<Reply> {
    const agencyId = this.bodyOf(staff, lang, args);
    const agency = this.deps.agencyName(agencyId, lang);
    if (!(await this.deps.links.unlink(agencyId))) throw new TeamsError('NO_CHANNEL', { agency });
    this.deps.log.info('teams channel unlinked', { staff: staff.staffId, agencyId });
    return MessageFactory.text(this.deps.l10n.t(lang, 'teams:done.unlinked', { agency }));
  }
}
