// NodePorts from 30000-32767 (upstream's default range), per protocol.
import type { Backend } from '../../kine/backend.js';
import { type Claim, claim, release } from './allocation-keys.js';

export const NODE_PORT_PREFIX = '/registry/k8ts/nodeports/';
export const NODE_PORT_RANGE = { first: 30000, last: 32767 };

export class NodePortAllocator {
  constructor(private readonly backend: Backend) {}

  private key(port: number, protocol: string): string {
    return `${NODE_PORT_PREFIX}${protocol}/${port}`;
  }

  claim(port: number, protocol: string, owner: string): Promise<Claim> {
    return claim(this.backend, this.key(port, protocol), owner);
  }

  async allocate(protocol: string, owner: string): Promise<number | undefined> {
    const size = NODE_PORT_RANGE.last - NODE_PORT_RANGE.first + 1;
    const start = Math.floor(Math.random() * size);
    for (let i = 0; i < size; i++) {
      const port = NODE_PORT_RANGE.first + ((start + i) % size);
      if ((await this.claim(port, protocol, owner)) === 'claimed') return port;
    }
    return undefined;
  }

  release(port: number, protocol: string, owner: string): Promise<void> {
    return release(this.backend, this.key(port, protocol), owner);
  }
}

export function inNodePortRange(port: number): boolean {
  return port >= NODE_PORT_RANGE.first && port <= NODE_PORT_RANGE.last;
}
