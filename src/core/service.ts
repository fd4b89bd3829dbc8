/** The game online services extralife understands, one adapter each. */
export const SERVICES = ['nex', 'coral', 'msnp', 'companion', 'platform', 'lobby'] as const;

/**
 * - `nex`: Nintendo's NEX game servers (RMC over PRUDP or websocket), display codes 2306-XXXX.
 * - `coral`: the Nintendo Switch Online app API, `{"status": 9404}` bodies and 2815-XXXX codes.
 * - `msnp`: MSN Messenger protocol servers, `911 20` error lines and HRESULTs.
 * - `companion`: the FINAL FANTASY XIV companion app API, six-digit codes.
 * - `platform`: the Kakao Games game SDK platform, `KGResult` codes.
 * - `lobby`: Unity Gaming Services Lobby, RFC 7807 problem details.
 */
export type Service = (typeof SERVICES)[number];

/** The services whose answers arrive over HTTP. */
export const HTTP_SERVICES = ['coral', 'companion', 'platform', 'lobby'] as const satisfies readonly Service[];
export type HttpService = (typeof HTTP_SERVICES)[number];

export function isService(value: unknown): value is Service {
  return typeof value === 'string' && (SERVICES as readonly string[]).includes(value);
}
