/**
 * FINAL FANTASY XIV companion app API: a market-board poll through maintenance and a queue.
 *
 * The service is under maintenance when the poll starts: it answers 503 with the text
 * "Under Maintenance" and no hint of how long. The client holds the call (and any other call of
 * the same client) and looks again after `maintenanceWaitMs`. Once maintenance is over, the
 * service queues the request (HTTP 202): the client asks again with the same request-id until
 * the prices are ready.
 *
 * Run: npm run example -- companion-market
 */
import { createClient } from 'extralife';
import { companionQueue, maintenanceWindow, serviceSuccess, startLoopbackServer, type Responder } from 'extralife/testing';

interface Listing {
  readonly pricePerUnit: number;
  readonly quantity: number;
  readonly retainer: string;
}

const listings: Listing[] = [
  { pricePerUnit: 1_450, quantity: 12, retainer: 'Tataru' },
  { pricePerUnit: 1_499, quantity: 99, retainer: 'Hildibrand' },
];

/** Maintenance for 700 ms, then two "queued" answers per request before the prices. */
function fakeCompanion(): Responder {
  const market = maintenanceWindow({ service: 'companion', durationMs: 700 }, companionQueue({ pollsBeforeReady: 2 }, () => serviceSuccess('companion', { entries: listings })));
  const started = Date.now();
  // Shows each answer as the service sends it, so the queue is visible too.
  return async (request) => {
    const response = await market(request);
    const body = response.status === 503 ? ` "${await response.clone().text()}"` : '';
    console.log(`  ${String(Date.now() - started).padStart(4)} ms  service answers ${response.status}${body}`);
    return response;
  };
}

export async function main(): Promise<readonly Listing[] | string> {
  const server = await startLoopbackServer(fakeCompanion());
  try {
    const companion = createClient({
      service: 'companion',
      prefix: `${server.url}/sight-v060/sight`,
      // Short waits for the example; by default maintenance is looked at again after 30 s
      // and a queued answer is asked again every 1.5 s.
      retry: { maintenanceWaitMs: 400 },
      poll: { intervalMs: 150 },
      onRetry: ({ error, delayMs }) => {
        console.log(`           client: ${error.category} (${error.code} ${error.codeName ?? ''}), looking again in ${delayMs} ms`);
      },
      onPoll: ({ poll, delayMs, requestId }) => {
        console.log(`           client: queued, poll ${poll} in ${delayMs} ms with request-id ${requestId?.slice(0, 8) ?? '-'}…`);
      },
    });

    console.log('GET market/items/catalog/5333 (Mythrite Ore)');
    const prices = await companion.get('market/items/catalog/5333').json<{ entries: Listing[] }>();
    if (prices.isErr()) {
      console.log(`no prices: ${prices.error.message}`);
      return prices.error.category;
    }
    const cheapest = prices.value.entries.reduce((best, entry) => (entry.pricePerUnit < best.pricePerUnit ? entry : best));
    console.log(`${prices.value.entries.length} listings; cheapest ${cheapest.pricePerUnit} gil from ${cheapest.retainer}`);
    return prices.value.entries;
  } finally {
    await server.close();
  }
}

if (import.meta.main) await main();
