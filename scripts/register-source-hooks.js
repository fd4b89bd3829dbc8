// `node --import ./scripts/register-source-hooks.js file.ts`: `extralife` resolves to src/.
import { register } from 'node:module';

register('./source-hooks.js', import.meta.url);
