// Imported first by every entry point: zod must never probe `new Function` under the extension CSP.
import { z } from 'zod';

z.config({ jitless: true });
