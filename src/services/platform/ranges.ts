import type { Category } from '../../core/category.ts';
import { describeStatus, type StatusMeaning } from '../../core/http/status.ts';

interface CodeRange {
  readonly from: number;
  readonly to: number;
  readonly category: Category;
  readonly description: string;
}

/**
 * What an uncatalogued Kakao platform code suggests, by range. The SDK's codes group by
 * thousands (1xxx network, 2xxx server exchange, 3xxx setup, 4xxx call errors, 5xxx-6xxx
 * unsupported, 70xx usage limits); this reading of the groups is a judgement from the
 * catalogued members of each. Codes 100-599 follow HTTP statuses and are read as such.
 */
export const PLATFORM_CODE_RANGES: readonly CodeRange[] = [
  { from: 1000, to: 1999, category: 'network', description: 'Platform codes 1000-1999 report that the device could not reach the network.' },
  { from: 2000, to: 2999, category: 'server-error', description: 'Platform codes 2000-2999 report a failed exchange with the platform server.' },
  { from: 3000, to: 3999, category: 'invalid-request', description: 'Platform codes 3000-3999 report an SDK that is not set up for this call.' },
  { from: 4000, to: 4999, category: 'invalid-request', description: 'Platform codes 4000-4999 report a call the SDK cannot make as given.' },
  { from: 5000, to: 6999, category: 'unsupported', description: 'Platform codes 5000-6999 report a feature or API that is not available here.' },
  { from: 7000, to: 7099, category: 'capacity', description: 'Platform codes 7000-7099 report a usage limit that has been reached.' },
];

/** The meaning of an uncatalogued platform code: its range, else the HTTP status, else unknown. */
export function platformFallback(code: number, httpStatus: number | undefined): StatusMeaning {
  if (code >= 100 && code <= 599) return describeStatus(code);
  const range = PLATFORM_CODE_RANGES.find((candidate) => code >= candidate.from && code <= candidate.to);
  if (range !== undefined) return { category: range.category, description: range.description };
  if (httpStatus !== undefined && (httpStatus < 200 || httpStatus > 299)) return describeStatus(httpStatus);
  return { category: 'unknown', description: `Platform code ${code} is not catalogued.` };
}
