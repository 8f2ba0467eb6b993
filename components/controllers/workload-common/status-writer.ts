// Writing a status the way upstream's status updaters do: PUT status on the cached object; on a
// conflict, GET the latest object and try again (a few times), keeping the status we computed.
import type { KubeObject, ResourceClient } from '../../client/client.js';
import { isConflict } from '../../client/transport.js';

const RETRIES = 3;

/** Writes `status` onto `obj` (the cached copy is not modified); resolves with the written object. */
export async function writeStatus<T extends KubeObject & { status?: unknown }>(client: ResourceClient<T>, obj: T, status: T['status'], namespace: string | undefined): Promise<T> {
  let current: T = obj;
  for (let i = 0; ; i++) {
    try {
      return await client.updateStatus({ ...current, status }, { namespace });
    } catch (err) {
      if (!isConflict(err) || i >= RETRIES) throw err;
      current = await client.get(obj.metadata!.name!, { namespace });
    }
  }
}
