import { httpStatusCatalog } from '../../catalog/generated/http-status.ts';
import type { Category } from '../category.ts';

/** What an HTTP status alone says about a failure. */
export interface StatusMeaning {
  readonly category: Category;
  readonly description: string;
}

/**
 * The category an HTTP status suggests when the service sent no code of its own, or a code the
 * catalog lacks: catalog/data/http-status.json, one table for every HTTP service.
 */
export const HTTP_STATUS_MEANINGS: Readonly<Record<number, StatusMeaning>> = Object.fromEntries(
  httpStatusCatalog.map(({ status, category, description }) => [status, { category, description }]),
);

const MAINTENANCE: StatusMeaning = {
  category: 'maintenance',
  description: 'HTTP 503 Service Unavailable: the service is down for maintenance.',
};

/** True for a whole number that can be an HTTP status. */
export function isHttpStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/** True for a 2xx status. */
export function isSuccessStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status <= 299;
}

/**
 * What an HTTP status says, from the table, else from its class: any other 4xx is a request the
 * service refused, any other 5xx a failure of the service. Informational, success and redirect
 * statuses are not failures, so they say nothing about one.
 */
export function describeStatus(status: number, options: { readonly maintenance?: boolean } = {}): StatusMeaning {
  if (status === 503 && options.maintenance === true) return MAINTENANCE;
  const known = HTTP_STATUS_MEANINGS[status];
  if (known !== undefined) return known;
  if (status >= 400 && status <= 499) return { category: 'invalid-request', description: `HTTP ${status}: the service refused the request.` };
  if (status >= 500 && status <= 599) return { category: 'server-error', description: `HTTP ${status}: the service failed.` };
  return { category: 'unknown', description: `HTTP ${status} is not a failure status, so it says nothing about what went wrong.` };
}
