// conduit.ping.
import { z } from 'zod';

/** conduit.ping answers the server's host name. */
export const pingResultSchema = z.string();
