import { catalog } from '../catalog/index.ts';
import type { CatalogEntry } from '../core/catalog-entry.ts';
import { SERVICES } from '../core/service.ts';
import { parseCommandLine, type Command, type UsageError } from './args.ts';
import { helpText } from './help.ts';
import { EXIT, type CliIo, type ExitCode } from './io.ts';
import { explainEntry, explainMatches, findMatches } from './match.ts';
import { renderExplain } from './render-explain.ts';
import { renderList } from './render-list.ts';

const DEFAULT_COLUMNS = 80;

/** Runs one command line (the arguments after `extralife`) and returns the exit status. Never throws. */
export function run(args: readonly string[], io: CliIo): ExitCode {
  const parsed = parseCommandLine(args);
  if (!parsed.ok) return usageError(parsed.error, io);
  return runCommand(parsed.command, io);
}

function runCommand(command: Command, io: CliIo): ExitCode {
  switch (command.kind) {
    case 'help':
      io.stdout(helpText(command.topic));
      return EXIT.ok;
    case 'version':
      io.stdout(`${io.version}\n`);
      return EXIT.ok;
    case 'explain':
      return explain(command, io);
    case 'list':
      return list(command, io);
  }
}

function explain(command: Extract<Command, { kind: 'explain' }>, io: CliIo): ExitCode {
  const services = command.service === undefined ? SERVICES : [command.service];
  const matches = explainMatches(command.code, services);
  if (command.json) io.stdout(json({ query: command.code, matches }));
  if (matches.length === 0) {
    io.stderr(`extralife: ${notFound(command.code, command.service)}\n`);
    return EXIT.notFound;
  }
  if (!command.json) io.stdout(renderExplain(command.code, matches, { color: io.color, columns: terminalColumns(io.columns) }));
  return EXIT.ok;
}

/** The width to wrap at: a terminal that reports no width, or 0 columns, gets 80. */
function terminalColumns(columns: number | undefined): number {
  return columns !== undefined && Number.isFinite(columns) && columns > 0 ? columns : DEFAULT_COLUMNS;
}

function notFound(code: string, service: string | undefined): string {
  if (service === undefined) return `no service has a code "${code}" (see "extralife list" for every code)`;
  const elsewhere = [...new Set(findMatches(code).map((entry) => entry.service))];
  const hint =
    elsewhere.length > 0
      ? `${elsewhere.join(' and ')} ${elsewhere.length === 1 ? 'has' : 'have'} one: try --service ${elsewhere[0] ?? ''}`
      : `see "extralife list --service ${service}"`;
  return `no ${service} code "${code}" (${hint})`;
}

function list(command: Extract<Command, { kind: 'list' }>, io: CliIo): ExitCode {
  const entries = catalog(command.service).filter(
    (entry: CatalogEntry) => command.category === undefined || entry.category === command.category,
  );
  // Every field of each entry, with the notations explain adds (a NEX code's Wii U code and result code).
  if (command.json) io.stdout(json(entries.map(explainEntry)));
  else if (entries.length === 0) io.stdout(`No ${command.service ?? ''}${command.service === undefined ? '' : ' '}codes in category ${command.category ?? ''}.\n`);
  else io.stdout(renderList(entries, io.color));
  return EXIT.ok;
}

function usageError(error: UsageError, io: CliIo): ExitCode {
  io.stderr(`extralife: ${error.message} (${error.hint})\n`);
  return EXIT.usage;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
