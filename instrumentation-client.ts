import { z } from "zod";

// Runs in the browser before the app's own code. The pages' Content-Security-Policy forbids
// eval, and zod probes for it (a caught `new Function`) before compiling a fast parser; the probe
// is still reported as a policy violation on every page load. Without eval the fast path is off
// anyway, so zod is told not to try.
z.config({ jitless: true });
