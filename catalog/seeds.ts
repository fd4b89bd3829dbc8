/**
 * Reads the five source documents the catalog is built from and returns every code row they
 * hold, exactly as they give it. Documents are recognised by their content, not their file names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type SeedService = 'nex' | 'coral' | 'msnp' | 'companion' | 'platform' | 'lobby';

export interface SeedRow {
  readonly service: SeedService;
  readonly code: string;
  readonly name: string;
  /** More names the document gives the same row (MSNP: the HRESULT name). */
  readonly otherNames: readonly string[];
  /** MSNP: the related HRESULT. */
  readonly hresult?: string;
  /** The document's own description text, where it has one. */
  readonly text?: string;
  readonly file: string;
}

const absent = (value: string | undefined): boolean => value === undefined || value === 'N/A' || value === '';

function parseNintendo(file: string, content: string): SeedRow[] {
  const rows: SeedRow[] = [];
  const descriptions = new Map<string, string>();
  let section = '';
  for (const line of content.split('\n')) {
    if (line.startsWith('# ')) section = line.slice(2).trim();
    const cells = /^\|\s*(\d{4}-\d{4})\s*\|\s*(.+?)\s*\|\s*$/.exec(line);
    if (cells === null) continue;
    const [, code = '', value = ''] = cells;
    if (section === 'NEX Error Descriptions') descriptions.set(code, value);
    else if (section === 'NEX Error Codes') rows.push({ service: 'nex', code, name: value, otherNames: [], file });
    else if (section === 'Coral Error Codes') rows.push({ service: 'coral', code, name: value, otherNames: [], file });
  }
  return rows.map((row) => {
    const text = row.service === 'nex' ? descriptions.get(row.code) : undefined;
    return text === undefined ? row : { ...row, text };
  });
}

function parseMsnp(file: string, content: string): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const line of content.split('\n')) {
    const codeRow = /^(\d{3}) (0x[0-9a-fA-F]{8}|N\/A) (.+)$/.exec(line.trim());
    if (codeRow !== null) {
      const [, code = '', hresult = '', rest = ''] = codeRow;
      // The HRESULT name may be two names joined by " / " (MSGR_E_FAIL / E_FAIL).
      const names = /^((?:[A-Z0-9_]+ \/ )*[A-Z0-9_]+|N\/A) (ERR_[A-Z0-9_]+|N\/A) ?(.*)$/.exec(rest);
      if (names === null) throw new Error(`${file}: cannot read MSNP row "${line}"`);
      const [, hresultNames = '', draftName = '', text = ''] = names;
      const msgrNames = absent(hresultNames) ? [] : hresultNames.split(' / ');
      const name = absent(draftName) ? msgrNames[0] : draftName;
      if (name === undefined) throw new Error(`${file}: MSNP row ${code} has no name`);
      rows.push({
        service: 'msnp',
        code,
        name,
        otherNames: msgrNames.filter((other) => other !== name),
        ...(absent(hresult) ? {} : { hresult: hresult.toLowerCase() }),
        ...(text === '' || text === '?' ? {} : { text }),
        file,
      });
      continue;
    }
    const hresultRow = /^(0x[0-9a-fA-F]{8}) (?:System Error )?([A-Z][A-Z0-9_]+) (.*)$/.exec(line.trim());
    if (hresultRow !== null) {
      const [, code = '', name = '', text = ''] = hresultRow;
      rows.push({ service: 'msnp', code: code.toLowerCase(), name, otherNames: [], text, file });
    }
  }
  return rows;
}

function parseCompanion(file: string, content: string): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const line of content.split('\n')) {
    const cells = /^\|\s*`(\d{6})`\s*\|\s*(.+?)\s*\|\s*$/.exec(line);
    if (cells === null) continue;
    const [, code = '', text = ''] = cells;
    // The document names no codes: only the code and what was observed.
    rows.push({ service: 'companion', code, name: '', otherNames: [], text, file });
  }
  return rows;
}

function parsePlatform(file: string, content: string): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const line of content.split('\n')) {
    const cells = /^(\d{3,4}) \| ([A-Za-z]+) \|(.*)\|\s*$/.exec(line.trim());
    if (cells === null) continue;
    const [, code = '', name = '', text = ''] = cells;
    rows.push({ service: 'platform', code, name, otherNames: [], ...(text.trim() === '' ? {} : { text: text.trim() }), file });
  }
  return rows;
}

function parseLobby(file: string, content: string): SeedRow[] {
  const rows: SeedRow[] = [];
  let inCodes = false;
  for (const line of content.split('\n')) {
    if (line.trim() === 'CodeNameDescription') inCodes = true;
    if (!inCodes) continue;
    const match = /^(\d+)([A-Z][A-Za-z]+)$/.exec(line.trim().split(' ')[0] ?? '');
    if (match === null) continue;
    const [, code = '', glued = ''] = match;
    // The table's cells are run together: "16004LobbyFullLobbyFull is returned ...".
    let name: string | undefined;
    for (let length = 1; length <= glued.length / 2; length++) {
      const candidate = glued.slice(0, length);
      if (glued === candidate + candidate || line.trim().startsWith(`${code}${candidate}${candidate}`)) name = candidate;
    }
    if (name === undefined) throw new Error(`${file}: cannot read Lobby row "${line}"`);
    rows.push({ service: 'lobby', code, name, otherNames: [], text: line.trim().slice(code.length + name.length), file });
  }
  return rows;
}

/** Every code row of every seed document in the folder. */
export function readSeeds(folder: string): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.txt')).sort()) {
    const content = readFileSync(join(folder, file), 'utf8');
    if (content.includes('# NEX Error Codes')) rows.push(...parseNintendo(file, content));
    else if (content.includes('MSNP error codes')) rows.push(...parseMsnp(file, content));
    else if (content.includes('Companion API')) rows.push(...parseCompanion(file, content));
    else if (content.includes('AuthFailure')) rows.push(...parsePlatform(file, content));
    else if (content.includes('Lobby error messages')) rows.push(...parseLobby(file, content));
    else throw new Error(`${file}: not a seed document this check knows`);
  }
  return rows;
}
