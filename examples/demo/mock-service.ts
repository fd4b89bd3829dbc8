import {
  expiringToken,
  flaky,
  maintenanceWindow,
  rateLimit,
  serviceError,
  serviceSuccess,
  startLoopbackServer,
  type LoopbackServer,
  type Responder,
} from 'extralife/testing';

/** What the mock Nintendo Switch Online app API (Coral) knows. */
export const FRIENDS = [
  { id: 1, name: 'Marina', presence: { state: 'PLAYING', game: { name: 'Splatoon 3' } } },
  { id: 2, name: 'Pearl', presence: { state: 'ONLINE' } },
  { id: 3, name: 'Callie', presence: { state: 'OFFLINE' } },
] as const;

export const ANNOUNCEMENTS = [
  { id: 101, title: 'Scheduled maintenance' },
  { id: 102, title: 'New icons are available' },
] as const;

export const WEB_SERVICES = [
  { id: 5598642853249024, name: 'Splatoon 3' },
  { id: 4953919198265344, name: 'Animal Crossing: New Horizons' },
] as const;

/** The API itself, every answer a success except what is malformed. */
const api: Responder = (request) => {
  const { pathname } = new URL(request.url);
  switch (pathname) {
    case '/v3/Friend/List':
      return serviceSuccess('coral', { friends: FRIENDS });
    case '/v3/User/ShowSelf':
      return serviceSuccess('coral', { id: 0, name: 'presence-bot' });
    case '/v3/Announcement/List':
      return serviceSuccess('coral', ANNOUNCEMENTS);
    case '/v3/Game/ListWebServices':
      return serviceSuccess('coral', WEB_SERVICES);
    default:
      // FriendRequest/Create with a friend code that is no friend code, among others.
      return serviceError('coral', 'BAD_REQUEST');
  }
};

/** One way the service misbehaves, in force until the next scene. */
export type Trouble =
  | { readonly kind: 'none' }
  | { readonly kind: 'maintenance'; readonly durationMs: number; readonly retryAfterSeconds: number }
  | { readonly kind: 'rate-limit'; readonly limit: number; readonly windowMs: number }
  | { readonly kind: 'flaky'; readonly probability: number; readonly seed: number };

/**
 * A mock Coral service on 127.0.0.1, built from the testing kit's scenarios: tokens expire when
 * told to (expiringToken), and each scene can add maintenance, a rate limit or a flaky proxy in
 * front of the API.
 */
export interface MockService {
  readonly url: string;
  /** Puts a kind of trouble in front of the API, starting now. */
  trouble(trouble: Trouble): void;
  /** Issues a new token that the API accepts: what the account service does on a renewal. */
  issueToken(): string;
  /** Every token issued so far stops being accepted. */
  expireTokens(): void;
  close(): Promise<void>;
}

function front(trouble: Trouble, next: Responder): Responder {
  switch (trouble.kind) {
    case 'none':
      return next;
    case 'maintenance':
      return maintenanceWindow({ service: 'coral', durationMs: trouble.durationMs, retryAfterSeconds: trouble.retryAfterSeconds }, next);
    case 'rate-limit':
      return rateLimit({ service: 'coral', limit: trouble.limit, windowMs: trouble.windowMs }, next);
    case 'flaky':
      return flaky({ service: 'coral', probability: trouble.probability, seed: trouble.seed, faults: ['bad-gateway-html', 'network-error'] }, next);
  }
}

export async function startMockService(): Promise<MockService> {
  const live = new Set<string>();
  let issued = 0;
  const guarded = expiringToken({ service: 'coral', validTokens: live }, api);
  let current: Responder = guarded;
  const server: LoopbackServer = await startLoopbackServer((request) => current(request));
  return {
    url: server.url,
    trouble: (trouble) => {
      current = front(trouble, guarded);
    },
    issueToken: () => {
      issued += 1;
      const token = `coral-token-${String(issued)}`;
      live.add(token);
      return token;
    },
    expireTokens: () => {
      live.clear();
    },
    close: () => server.close(),
  };
}
