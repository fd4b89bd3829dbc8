import type { Adapter } from '../../core/adapter.ts';
import { errorFromTransport, unknownError } from '../../core/build-error.ts';
import { readTransportFailure } from '../../core/thrown.ts';

/** Reads NEX answers: result codes, display codes, names, RMC frames, thrown values. */
export const nexAdapter: Adapter<'nex'> = {
  service: 'nex',
  classify(raw, context) {
    const failure = readTransportFailure(raw);
    return failure === undefined ? unknownError('nex', raw, context) : errorFromTransport('nex', failure, raw, context);
  },
};
