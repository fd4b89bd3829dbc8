import type { Adapter } from '../../core/adapter.ts';
import { errorFromTransport, unknownError } from '../../core/build-error.ts';
import { readTransportFailure } from '../../core/thrown.ts';

/** Reads MSNP answers: error lines, OUT reasons, HRESULTs, Passport SOAP faults, thrown values. */
export const msnpAdapter: Adapter<'msnp'> = {
  service: 'msnp',
  classify(raw, context) {
    const failure = readTransportFailure(raw);
    return failure === undefined ? unknownError('msnp', raw, context) : errorFromTransport('msnp', failure, raw, context);
  },
};
