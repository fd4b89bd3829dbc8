import { parseArgs } from 'node:util';
import { CATEGORIES, isCategory, type Category } from '../core/category.ts';
import { SERVICES, isService, type Service } from '../core/service.ts';

export const COMMANDS = ['explain', 'list', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** What the command line asked for, once read and checked. */
export type Command =
  | { readonly kind: 'explain'; readonly code: string; readonly service?: Service; readonly json: boolean }
  | { readonly kind: 'list'; readonly service?: Service; readonly category?: Category; readonly json: boolean }
  | { readonly kind: 'help'; readonly topic?: CommandName }
  | { readonly kind: 'version' };

/** A command line that cannot run: what is wrong, and what to do about it. */
export interface UsageError {
  readonly message: string;
  readonly hint: string;
}

export type ParsedArgs = { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly error: UsageError };

const OPTIONS = {
  service: { type: 'string', short: 's' },
  category: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

const GLOBAL_OPTIONS: readonly OptionName[] = ['help', 'version'];

const COMMAND_OPTIONS: Record<CommandName, readonly OptionName[]> = {
  explain: ['service', 'json', ...GLOBAL_OPTIONS],
  list: ['service', 'category', 'json', ...GLOBAL_OPTIONS],
  help: GLOBAL_OPTIONS,
};

const isCommandName = (value: string): value is CommandName => (COMMANDS as readonly string[]).includes(value);
const isOptionName = (value: string): value is OptionName => Object.hasOwn(OPTIONS, value);

const fail = (message: string, hint: string): ParsedArgs => ({ ok: false, error: { message, hint } });
const helpHint = (command?: CommandName): string => `see "extralife ${command === undefined ? '' : `${command} `}--help"`;

/**
 * Reads the arguments after `extralife`. Never throws: every mistake becomes a UsageError.
 * Options may come before or after the command and its code.
 */
export function parseCommandLine(args: readonly string[]): ParsedArgs {
  // Not strict: unknown options come back as tokens, so the messages about them can be ours.
  // A negative code (the Kakao game shop's -3103) is an operand, not a cluster of short options.
  const NEGATIVE = '\u0000';
  const parsed = parseArgs({
    args: args.map((arg) => (/^-\d+$/.test(arg) ? `${NEGATIVE}${arg}` : arg)),
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const { values, tokens } = parsed;
  const positionals = parsed.positionals.map((value) => (value.startsWith(NEGATIVE) ? value.slice(NEGATIVE.length) : value));
  const [name, ...operands] = positionals;
  const command = name !== undefined && isCommandName(name) ? name : undefined;

  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (!isOptionName(token.name) || (command !== undefined && !COMMAND_OPTIONS[command].includes(token.name))) {
      return fail(`unknown option ${token.rawName}${command === undefined ? '' : ` for ${command}`}`, helpHint(command));
    }
    const expectsValue = OPTIONS[token.name].type === 'string';
    // A value that looks like an option means the value itself was left out: `--service --json`.
    if (expectsValue && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      return fail(`${token.rawName} needs a value`, valuesHint(token.name));
    }
    if (!expectsValue && token.value !== undefined) return fail(`${token.rawName} takes no value`, helpHint(command));
  }

  if (values.help === true) return readHelp(name, command);
  if (values.version === true) return { ok: true, command: { kind: 'version' } };
  if (name === undefined) return fail('missing command', `try "extralife explain <code>" or "extralife list"; ${helpHint()}`);
  if (command === undefined) return fail(`unknown command "${name}"`, `commands: ${COMMANDS.join(', ')}`);

  const service = readChoice(values.service, isService, 'service');
  if (!service.ok) return service;
  const json = values.json === true;
  switch (command) {
    case 'help':
      if (operands.length > 1) return fail('help takes at most one command', helpHint());
      return readHelp(operands[0], operands[0] === undefined ? undefined : isCommandName(operands[0]) ? operands[0] : undefined);
    case 'explain': {
      const [code, ...extra] = operands;
      if (code === undefined || code.trim() === '') return fail('missing code to explain', 'usage: extralife explain <code> [--service S] [--json]');
      if (extra.length > 0) {
        return fail(`explain takes one code, got ${operands.length}`, `quote a code that holds a space: extralife explain "${operands.join(' ')}"`);
      }
      return { ok: true, command: { kind: 'explain', code: code.trim(), json, ...optional('service', service.value) } };
    }
    case 'list': {
      if (operands[0] !== undefined) return fail(`list takes no code, got "${operands[0]}"`, 'to look a code up: extralife explain <code>');
      const category = readChoice(values.category, isCategory, 'category');
      if (!category.ok) return category;
      return { ok: true, command: { kind: 'list', json, ...optional('service', service.value), ...optional('category', category.value) } };
    }
  }
}

function readHelp(topic: string | undefined, command: CommandName | undefined): ParsedArgs {
  if (topic !== undefined && command === undefined) return fail(`unknown command "${topic}"`, `commands: ${COMMANDS.join(', ')}`);
  return { ok: true, command: { kind: 'help', ...optional('topic', command === 'help' ? undefined : command) } };
}

type Choice<T> = { readonly ok: true; readonly value: T | undefined } | { readonly ok: false; readonly error: UsageError };

/** A --service or --category value, checked against its list; case does not matter. */
function readChoice<T extends string>(raw: string | boolean | undefined, isValid: (value: unknown) => value is T, option: 'service' | 'category'): Choice<T> {
  if (typeof raw !== 'string') return { ok: true, value: undefined };
  const value = raw.trim().toLowerCase();
  if (isValid(value)) return { ok: true, value };
  return { ok: false, error: { message: `unknown ${option} "${raw}"`, hint: valuesHint(option) } };
}

function valuesHint(option: OptionName): string {
  if (option === 'service') return `valid services: ${SERVICES.join(', ')}`;
  if (option === 'category') return `valid categories: ${CATEGORIES.join(', ')}`;
  return helpHint();
}

/** `{ key: value }` when there is a value, `{}` otherwise: optional properties stay absent, never undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
