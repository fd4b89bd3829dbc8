// extralife/testing: fakes that answer like each service, behind a loopback server or (through
// extralife/testing/msw, the one entry that needs msw) as msw handlers.
export { answer, toResolver, type FakeService, type Responder } from './responder.ts';
export { serviceError, serviceSuccess, type FakeErrorCode } from './service-response.ts';
export type { ServiceErrorOptions, ServiceSuccessOptions } from './wire/options.ts';
export { CORAL_STATUS_FOR_DISPLAY_CODE } from '../services/coral/fake.ts';
export { COMPANION_HTTP_STATUS, companionQueued } from '../services/companion/fake.ts';
export { platformHttpStatus } from '../services/platform/fake.ts';
export { LOBBY_HTTP_STATUS, lobbyHttpStatus } from '../services/lobby/fake.ts';
export { badGatewayPage, networkError, truncate, truncatedResponse, unavailablePage } from './faults.ts';
export { maintenanceWindow, type MaintenanceWindowOptions } from './scenarios/maintenance-window.ts';
export { expiringToken, type ExpiringTokenOptions, type ExpiringTokenResponder } from './scenarios/expiring-token.ts';
export { rateLimit, type RateLimitOptions } from './scenarios/rate-limit.ts';
export { flaky, FLAKY_FAULTS, type FlakyFault, type FlakyOptions } from './scenarios/flaky.ts';
export { companionQueue, type CompanionQueueOptions } from './scenarios/companion-queue.ts';
export { sequence, type SequenceOptions, type SequenceResponder, type SequenceStep } from './scenarios/sequence.ts';
export { startLoopbackServer, type LoopbackOptions, type LoopbackServer } from './loopback.ts';
export { nexResultBody, rmcErrorFrame, rmcSuccessFrame, type RmcErrorFrameOptions, type RmcSuccessFrameOptions } from '../services/nex/fake.ts';
export { msnpErrorLine, msnpOut, passportFault, type PassportFaultOptions } from '../services/msnp/fake.ts';
