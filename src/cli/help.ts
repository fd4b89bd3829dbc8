import { CATEGORIES, RETRY_BY_CATEGORY } from '../core/category.ts';
import { SERVICES } from '../core/service.ts';
import type { CommandName } from './args.ts';

const MAIN = `extralife: what a game online service's error code means, and whether to retry

Usage
  extralife explain <code> [--service S] [--json]
  extralife list [--service S] [--category C] [--json]
  extralife help [command]
  extralife --version

Commands
  explain   name, category, retry advice and description of one code
  list      every catalogued code, grouped by service

Options
  -s, --service S    only this service: ${SERVICES.join(', ')}
  -c, --category C   only this category (list); see "extralife list --help"
      --json         machine-readable output
  -h, --help         this help, or a command's ("extralife explain --help")
  -v, --version      the version

Examples
  extralife explain 2306-0806
  extralife explain 0x80048821
  extralife explain 16004 --service lobby
  extralife list --service coral --category maintenance
`;

const EXPLAIN = `Usage: extralife explain <code> [--service S] [--json]

Explains one error code: its name, service, category, retry advice and description.
The service follows from the code where only one service has it; otherwise every
candidate is shown. --service narrows the search to one service.

Codes and names it reads
  nex        2306-0806, 106-0806 (Wii U), 0x80680006, Authentication::TokenExpired
  coral      9404, 2815-2104
  msnp       911, 0x80048821 (HRESULT), "OUT SSD", ERR_AUTHENTICATION_FAILED
  companion  111001
  platform   401, 4010
  lobby      16004, 52, LobbyFull

Options
  -s, --service S   only this service: ${SERVICES.join(', ')}
      --json        print { "query", "matches": [entries] }; NEX entries also carry
                    wiiUCode and resultCode

Exit status: 0 when found, 1 when no service has the code, 2 for a usage error.
`;

const LIST = `Usage: extralife list [--service S] [--category C] [--json]

Lists catalogued codes, grouped by service: code, name, category and retry advice.

Options
  -s, --service S    only this service: ${SERVICES.join(', ')}
  -c, --category C   only this category
      --json         print the entries as a JSON array

Categories, with their usual retry advice
${CATEGORIES.map((category) => `  ${category.padEnd(20)}${RETRY_BY_CATEGORY[category]}`).join('\n')}
`;

/** The usage text for the whole command line or for one command. */
export function helpText(topic?: CommandName): string {
  if (topic === 'explain') return EXPLAIN;
  if (topic === 'list') return LIST;
  return MAIN;
}
