import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../src/core/service.ts';
import { registry } from '../src/services/registry.ts';

const SRC = join(import.meta.dirname, '..', 'src');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((item) => {
    const path = join(folder, item.name);
    return item.isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports or re-exports, as a path relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'/g)].map((match) => relative(SRC, resolve(dirname(file), match[1] ?? '')));
}

describe('one folder per service', () => {
  it.each(['core', 'retry', 'client'])('nothing in src/%s imports a service', (folder) => {
    const offending = filesUnder(join(SRC, folder)).flatMap((file) =>
      importsOf(file).filter((target) => target.startsWith('services/')).map((target) => `${relative(SRC, file)} -> ${target}`));
    expect(offending).toEqual([]);
  });

  it.each(SERVICES)('%s has its folder with entry point, catalog, adapter, preset and definition, listed in the registry', (service) => {
    for (const part of ['index.ts', 'catalog.ts', 'adapter.ts', 'preset.ts', 'definition.ts']) {
      expect(existsSync(join(SRC, 'services', service, part)), `${service}/${part}`).toBe(true);
    }
    expect(registry[service].adapter.service).toBe(service);
    expect(registry[service].preset.service).toBe(service);
  });

  // Coral's 2815 codes are NEX results (module SmartDeviceVoiceChat): Coral reads their notation with NEX's reader.
  const SHARED_NOTATION = new Set(['services/coral/catalog.ts -> services/nex/result-code.ts']);

  it('a service folder imports only itself and the shared machinery', () => {
    const crossing = SERVICES.flatMap((service) =>
      filesUnder(join(SRC, 'services', service)).flatMap((file) =>
        importsOf(file)
          .filter((target) => target.startsWith('services/') && !target.startsWith(`services/${service}/`) && target !== 'services/definition.ts')
          .map((target) => `${relative(SRC, file)} -> ${target}`)
          .filter((line) => !SHARED_NOTATION.has(line))));
    expect(crossing).toEqual([]);
  });
});
