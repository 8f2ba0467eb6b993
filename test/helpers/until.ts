// Polling for something another part of the system does asynchronously (a controller, the scheduler):
// `f` is called every 10-20 ms until it returns a value other than undefined, or the time is up.
export async function until<T>(f: () => Promise<T | undefined>, ms = 2000, everyMs = 20): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
