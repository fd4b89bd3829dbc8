/**
 * extralife demo: a Nintendo Switch Online presence bot meets a bad day, offline.
 *
 * It starts a mock Coral service on 127.0.0.1 (built from extralife/testing's scenarios), points
 * an extralife client at it, and plays five scenes: maintenance, token expiry, a rate limit,
 * transient faults, and a mistake. Each attempt of each call is a line of the timeline; a
 * summary ends it. No network is used. Waits are the mock's own Retry-After hints and the
 * client's default backoff, so it takes about ten seconds.
 *
 * Run: npm run demo   (or: node examples/demo/main.ts; NO_COLOR=1 for plain text)
 */
import { setTimeout as delay } from 'node:timers/promises';
import { createClient } from 'extralife';
import { startMockService } from './mock-service.ts';
import { formatRow, formatSummary, header, painter, sceneTitle, wantsColor } from './render.ts';
import { SCENES } from './scenes.ts';
import { Timeline, type TimelineSummary } from './timeline.ts';

export interface DemoOptions {
  /** Receives each line as it happens. */
  readonly write: (line: string) => void;
  readonly color: boolean;
  /** A breath between scenes, so a reader can follow. @default 400 */
  readonly pauseMs?: number;
}

export async function runDemo({ write, color, pauseMs = 400 }: DemoOptions): Promise<TimelineSummary> {
  const paint = painter(color);
  const mock = await startMockService();
  try {
    const timeline = new Timeline<'coral'>((row) => {
      write(formatRow(paint, row));
    });
    let token = mock.issueToken();
    const coral = createClient({
      service: 'coral',
      prefix: `${mock.url}/v3`,
      auth: {
        getToken: () => token,
        // Stands in for the account service, which takes a moment to issue a new token.
        refreshToken: async () => {
          await delay(300);
          token = mock.issueToken();
          return token;
        },
      },
      ...timeline.observers,
    });

    write(paint('bold', 'extralife demo: a Nintendo Switch Online presence bot against a mock Coral service'));
    write(paint('dim', `mock service on ${mock.url}, no network; each line below is an attempt of a call, shown as it happens`));
    for (const [index, scene] of SCENES.entries()) {
      write(sceneTitle(paint, index + 1, scene.title, scene.about));
      write(header(paint));
      await scene.play({ coral, mock, timeline });
      if (index < SCENES.length - 1) await delay(pauseMs);
    }
    const summary = timeline.summary();
    for (const line of formatSummary(paint, summary)) write(line);
    return summary;
  } finally {
    await mock.close();
  }
}

if (import.meta.main) {
  // `npm run demo | head` closes the pipe early: that ends the demo quietly, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  await runDemo({ write: (line) => process.stdout.write(`${line}\n`), color: wantsColor(process.stdout, process.env) });
}
