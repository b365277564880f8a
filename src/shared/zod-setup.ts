// Imported first by every entry point: zod must never probe `new Function` under the extension CSP.
import * as z from 'zod/mini';

z.config({ jitless: true });
