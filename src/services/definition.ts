import type { Adapter, ClassifyContext, HttpAdapter } from '../core/adapter.ts';
import type { CatalogEntry } from '../core/catalog-entry.ts';
import type { HttpService, Service } from '../core/service.ts';
import type { HttpPreset } from '../client/preset.ts';
import type { RetryPreset } from '../retry/preset.ts';
import type { AttemptContext } from '../retry/operation.ts';

/**
 * Everything the shared machinery needs to know about one service, given by the service's folder:
 * the root entry point finds a service only through its definition in `registry.ts`.
 */
export interface ServiceDefinition<S extends Service = Service, C extends ClassifyContext = ClassifyContext> {
  /** Reads the service's raw answers as errors; C is what it can be told beside them. */
  readonly adapter: Adapter<S, C>;
  /** The retry defaults of calls to the service. */
  readonly preset: RetryPreset<S>;
  /** The catalog entry for a code in any of the service's notations, or for a name. */
  readonly lookup: (code: string | number) => CatalogEntry | undefined;
  /** The service's catalog, in code order. */
  readonly entries: readonly CatalogEntry[];
  /**
   * For a service that reports failure in values an operation returns (NEX's RMC response
   * frames): the operation, its returned failures turned into errors, for `withRetry`.
   */
  readonly readingReturned?: (<T>(operation: (context: AttemptContext) => T) => (context: AttemptContext) => T) | undefined;
}

/** A service that answers over HTTP: its adapter also reads 2xx answers, its preset shapes requests. */
export interface HttpServiceDefinition<S extends HttpService = HttpService> extends ServiceDefinition<S> {
  readonly adapter: HttpAdapter<S>;
  readonly preset: HttpPreset<S>;
}

