// The k8ts command line (DESIGN.md, "The command line"). Each command registers itself from its own file.
import { Command } from 'commander';
import { KineError } from '../../kine/errors.js';
import { registerKineCommand } from './kine-command.js';
import { registerServerCommand } from './server-command.js';
import { registerSnapshotCommand } from './snapshot-command.js';
import { registerTestCommand } from './test-command.js';

const program = new Command();
program.name('k8ts').description('Kubernetes in TypeScript').version('0.1.0');
registerServerCommand(program);
registerKineCommand(program);
registerTestCommand(program);
registerSnapshotCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  // Known faults (a locked or corrupt database, a bad URL) get one clear line; anything else its stack.
  process.stderr.write(err instanceof KineError ? `k8ts: ${err.message}\n` : `k8ts: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
