import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from 'extralife';
import type { MockService } from './mock-service.ts';
import type { Timeline } from './timeline.ts';

interface Friend {
  readonly name: string;
  readonly presence: { readonly state: string };
}

/** What every scene works with: the bot's Coral client, the mock behind it, and the timeline. */
export interface Stage {
  readonly coral: Client<'coral'>;
  readonly mock: MockService;
  readonly timeline: Timeline<'coral'>;
}

/** The bot's calls, each a numbered line on the timeline. Coral sends reads as POST. */
function calls({ coral, timeline }: Stage) {
  return {
    friends: () =>
      timeline.call(
        'Friend/List',
        () => coral.post('Friend/List').json<{ friends: Friend[] }>(),
        ({ friends }) => `${String(friends.length)} friends, ${String(friends.filter((friend) => friend.presence.state !== 'OFFLINE').length)} online`,
      ),
    self: () => timeline.call('User/ShowSelf', () => coral.post('User/ShowSelf').json<{ name: string }>(), ({ name }) => `signed in as ${name}`),
    announcements: () => timeline.call('Announcement/List', () => coral.post('Announcement/List').json<unknown[]>(), (list) => `${String(list.length)} announcements`),
    games: () => timeline.call('Game/ListWebServices', () => coral.post('Game/ListWebServices').json<unknown[]>(), (list) => `${String(list.length)} game services`),
    friendRequest: (friendCode: string) =>
      timeline.call('FriendRequest/Create', () => coral.post('FriendRequest/Create', { json: { parameter: { friendCode } } }).json(), () => 'request sent'),
  };
}

export interface Scene {
  readonly title: string;
  readonly about: string;
  play(stage: Stage): Promise<unknown>;
}

export const SCENES: readonly Scene[] = [
  {
    title: 'Maintenance',
    about: 'down for 1.5 s, answering {"status": 9511} with Retry-After: 1; a call made meanwhile waits at the maintenance gate',
    play: async (stage) => {
      stage.mock.trouble({ kind: 'maintenance', durationMs: 1_500, retryAfterSeconds: 1 });
      const bot = calls(stage);
      const first = bot.friends();
      // Started while the first call waits: it queues behind the gate instead of asking.
      await delay(200);
      return Promise.all([first, bot.announcements()]);
    },
  },
  {
    title: 'Token expiry',
    about: 'the web API token expires; three calls are turned away with {"status": 9404} at once',
    play: (stage) => {
      stage.mock.trouble({ kind: 'none' });
      stage.mock.expireTokens();
      const bot = calls(stage);
      return Promise.all([bot.friends(), bot.self(), bot.games()]);
    },
  },
  {
    title: 'Rate limit',
    about: 'five calls at once; the service takes 2 a second and answers {"status": 9437} with Retry-After',
    play: (stage) => {
      stage.mock.trouble({ kind: 'rate-limit', limit: 2, windowMs: 1_000 });
      const bot = calls(stage);
      return Promise.all([bot.friends(), bot.self(), bot.announcements(), bot.games(), bot.friends()]);
    },
  },
  {
    title: 'Transient faults',
    about: 'a flaky proxy fails 45% of requests with a 502 HTML page or a connection reset (seeded)',
    play: async (stage) => {
      stage.mock.trouble({ kind: 'flaky', probability: 0.45, seed: 34 });
      const bot = calls(stage);
      // A presence poll, one call after the other so the seeded faults land the same way every run.
      for (let poll = 0; poll < 6; poll += 1) await bot.friends();
    },
  },
  {
    title: 'A mistake',
    about: 'a friend request with a malformed friend code: {"status": 9400} is not worth retrying',
    play: (stage) => {
      stage.mock.trouble({ kind: 'none' });
      return calls(stage).friendRequest('SW-0000');
    },
  },
];
