// Replaces a file in one step: write a temporary file beside it, flush it, rename it over the target. A
// reader (or a crash) sees the old content or the new, never a torn file. Callers: cluster-certs.ts,
// kubeconfig.ts.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/** Writes `data` to `path` with exactly `mode` (not narrowed by the umask). */
export async function writeFileAtomic(path: string, data: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(tmp, 'wx', mode);
  try {
    await file.chmod(mode);
    await file.writeFile(data);
    await file.sync();
  } catch (err) {
    await file.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await file.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
