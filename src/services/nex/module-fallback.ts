import type { Category } from '../../core/category.ts';

/**
 * The category a result code the catalog lacks gets from its module, where the module alone
 * says enough. Modules whose codes range over unrelated failures (Core, RendezVous, DataStore,
 * ...) get none: such a code stays `unknown` rather than guessed.
 */
const BY_MODULE: ReadonlyMap<number, { readonly category: Category; readonly why: string }> = new Map([
  [0x04, { category: 'server-error', why: 'PythonCore results report an exception inside the server while it handled the call.' }],
  [0x05, { category: 'network', why: 'Transport results report a failure of the connection below RMC.' }],
  [0x68, { category: 'unauthenticated', why: 'Authentication results report a sign-in the server did not accept.' }],
]);

export function moduleFallback(moduleId: number): { readonly category: Category; readonly why: string } | undefined {
  return BY_MODULE.get(moduleId);
}
