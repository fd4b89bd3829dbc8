/**
 * Which code a SOAP fault of the MSN web services stands for. The catalog writes a fault's code
 * as its family and the name the fault carries: `psf:Redirect` and `psf:FailedAuthentication`
 * (Passport), `oim:AuthenticationFailed` (offline messages), `ab:FullSyncRequired` (address book),
 * because the namespace prefix a server sends (`q0:`, `wsse:`, `wst:`) is its own choice.
 */
import type { MsnpCodeEntry } from '../../catalog/generated/msnp.ts';
import type { Category } from '../../core/category.ts';
import { msnpIndex } from './catalog.ts';
import { faultLocalName, type MsnSoapFault } from './soap.ts';

/** The families of fault codes, by the prefix the catalog gives them. */
const FAMILY = /^(psf|oim|ab):(.+)$/;

/** Catalogued fault codes by the name the fault carries. */
const byName = new Map<string, MsnpCodeEntry>();
for (const entry of msnpIndex.entries) {
  const name = FAMILY.exec(entry.code)?.[2];
  if (name !== undefined && !byName.has(name)) byName.set(name, entry);
}

/**
 * The catalogued fault code a fault stands for, from the most exact word it carries: a redirect
 * first (whatever else the fault says, the request belongs elsewhere), then the address book's
 * `detail/errorcode`, then the fault code's name. Undefined when none is catalogued.
 */
export function faultEntry(fault: MsnSoapFault): MsnpCodeEntry | undefined {
  const name = fault.faultCode === undefined ? undefined : faultLocalName(fault.faultCode);
  if (name === 'Redirect') return byName.get(name);
  const errorCode = fault.errorCode === undefined ? undefined : msnpIndex.byCode(`ab:${fault.errorCode}`);
  return errorCode ?? (name === undefined ? undefined : byName.get(name));
}

/** What a SOAP fault code alone says, by its name: the generic SOAP and WS-Security codes. */
export function faultCodeCategory(faultCode: string): Category {
  switch (faultLocalName(faultCode)) {
    case 'FailedAuthentication':
    case 'InvalidSecurityToken':
    case 'FailedCheck':
      return 'unauthenticated';
    case 'ExpiredData':
    case 'MessageExpired':
      return 'token-expired';
    case 'Sender':
    case 'Client':
    case 'InvalidRequest':
    case 'BadRequest':
      return 'invalid-request';
    case 'Receiver':
    case 'Server':
      return 'server-error';
    default:
      return 'unknown';
  }
}
