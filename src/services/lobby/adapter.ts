import type { HttpAdapter } from '../../core/adapter.ts';
import type { HttpAnswer } from '../../core/http/answer.ts';
import { scanWindow } from '../../core/http/body.ts';
import { wholeNumberField } from '../../core/http/fields.ts';
import { createHttpAdapter, type CodeReading } from '../../core/http/http-adapter.ts';
import { describeStatus, isHttpStatus, isSuccessStatus, type StatusMeaning } from '../../core/http/status.ts';
import { mentions } from '../../core/http/walk.ts';
import { findLobby } from './catalog.ts';
import { problemDetails, readProblem } from './problem.ts';

/** The official SDK's code for an answer without one: 16000 + the HTTP status (16429, 16503). */
const STATUS_CODE_BASE = 16_000;
/** 304 Not Modified is LobbyNotModified's answer: the lobby has not changed since the version held. */
const NOT_MODIFIED = 304;
const NOT_MODIFIED_CODE = '16008';

/** What an uncatalogued code suggests: a 16000 + status code its status, else the HTTP status. */
function uncatalogued(code: number, httpStatus: number | undefined): StatusMeaning {
  const embedded = code - STATUS_CODE_BASE;
  if (isHttpStatus(embedded) && !isSuccessStatus(embedded)) return describeStatus(embedded);
  if (httpStatus !== undefined && !isSuccessStatus(httpStatus)) return describeStatus(httpStatus);
  return { category: 'unknown', description: `Lobby code ${code} is not catalogued.` };
}

/**
 * The common codes the SDK folds into its own reasons (WrappedLobbyService's
 * TryMapCommonErrorCodeToLobbyExceptionReason): one condition, one code, however it arrived.
 * A 429 reads 16429 RateLimited whether its body says 50 or says nothing.
 */
export const LOBBY_FOLDED_CODES: Readonly<Record<number, number>> = {
  0: 16_999, // Unknown -> Unknown
  3: 16_503, // ServiceUnavailable -> ServiceUnavailable
  50: 16_429, // TooManyRequests -> RateLimited
  53: 16_403, // Forbidden -> Forbidden
  54: 16_404, // NotFound -> EntityNotFound
  55: 16_400, // InvalidRequest -> BadRequest
};

function readCode(code: number, httpStatus: number | undefined, details?: Record<string, unknown>): CodeReading {
  const folded = LOBBY_FOLDED_CODES[code];
  if (folded !== undefined) return readCode(folded, httpStatus, { ...details, commonCode: code });
  const entry = findLobby(code);
  return entry === undefined ? { code: String(code), fallback: uncatalogued(code, httpStatus), details } : { code: entry.code, entry, details };
}

/**
 * Reads a Lobby answer: an RFC 7807 problem document (salvaged when it does not parse) whose
 * `code` comes first, folded as the SDK folds it; without one, 16000 + the HTTP status, as
 * Unity's SDK reports it.
 */
function readAnswer(answer: HttpAnswer): CodeReading | undefined {
  const problem = readProblem(answer.body);
  const details = problemDetails(problem);
  const bodyStatus = isHttpStatus(problem?.status) ? problem.status : undefined;
  const status = answer.status ?? bodyStatus;
  const reported = answer.status === undefined ? { status: bodyStatus } : {};
  if (problem?.code !== undefined && problem.code >= 0) return { ...readCode(problem.code, status, details), ...reported };
  if (status === undefined) return undefined;
  if (status === NOT_MODIFIED) return { code: NOT_MODIFIED_CODE, entry: findLobby(NOT_MODIFIED_CODE), details, ...reported };
  const maintenance = status === 503 && mentions(answer.body.json, scanWindow(answer.body), 'maintenance');
  const code = STATUS_CODE_BASE + status;
  const entry = maintenance ? undefined : findLobby(code);
  if (entry !== undefined) return { code: entry.code, entry, details, ...reported };
  const fallback = isSuccessStatus(status)
    ? { category: 'unknown' as const, description: `HTTP ${status} is a success status, not a failure.` }
    : describeStatus(status, { maintenance });
  return { code: String(code), fallback, details, ...reported };
}

function readValue(raw: string | number): CodeReading | undefined {
  const number = wholeNumberField(raw);
  if (number !== undefined && LOBBY_FOLDED_CODES[number] !== undefined) return readCode(number, undefined);
  const entry = findLobby(raw);
  if (entry !== undefined) return { code: entry.code, entry };
  const code = wholeNumberField(raw);
  return code === undefined || code < 0 ? undefined : readCode(code, undefined);
}

/** Reads Unity Gaming Services Lobby: problem documents, status-only answers, thrown values. */
export const lobbyAdapter: HttpAdapter<'lobby'> = createHttpAdapter({
  service: 'lobby',
  readAnswer,
  readValue,
  // Lobby's 2xx answers are successes: its failures always come with a failure status.
  successFromStatus: true,
  readSuccess(answer) {
    return { kind: 'value', value: answer.body.json ?? answer.body.text };
  },
});
