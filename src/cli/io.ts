/** What the command line reads from and writes to; main.ts wires it to the process, tests to strings. */
export interface CliIo {
  /** Writes text to standard output as it is (the text carries its own newlines). */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error as it is. */
  readonly stderr: (text: string) => void;
  /** Whether standard output takes ANSI colour. */
  readonly color: boolean;
  /** The package version `--version` prints. */
  readonly version: string;
  /** The terminal width to wrap long text at; 80 when unknown. */
  readonly columns?: number | undefined;
}

/** Exit statuses: 1 when a code is not in the catalog, 2 when the command line itself is wrong. */
export const EXIT = {
  ok: 0,
  notFound: 1,
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
